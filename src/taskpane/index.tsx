/* global Office */
import * as React from "react";
import { createRoot } from "react-dom/client";
import { App } from "./App";
import { createController } from "./controller";
import { detectLang } from "./i18n";

Office.onReady(() => {
  const lang = detectLang(Office.context?.displayLanguage);
  const root = createRoot(document.getElementById("container")!);
  root.render(<App controller={createController(lang)} initialLang={lang} />);
});
