// The window's page: one Preact tree over the typed commands (see components/App.tsx).

import { render } from "preact";
import { App } from "./components/App.js";
import { text } from "./text.js";

document.documentElement.lang = text.language;
document.title = text.text("window-title");

const root = document.getElementById("root");
if (root) render(<App />, root);
