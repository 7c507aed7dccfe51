/**
 * taskpane.js of the WPS add-in: the same pane as in Excel (src/taskpane/App.tsx) over the WPS session.
 * No Office script: the host is WPS's global Application.
 */
import * as React from "react";
import { createRoot } from "react-dom/client";
import { App } from "../taskpane/App";
import { detectLang } from "../taskpane/i18n";
import { createWpsController } from "./controller";

const lang = detectLang(navigator.language);
createRoot(document.getElementById("container")!).render(
  <App controller={createWpsController(lang)} initialLang={lang} />
);
