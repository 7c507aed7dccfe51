/** ribbon.js of the WPS add-in: puts the ribbon's callbacks on window.ribbon (ribbon.ts). */
import { installRibbon } from "./ribbon";

installRibbon();
