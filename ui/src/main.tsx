// The window's page: one Preact tree over the typed commands (see components/App.tsx).

import { render } from "preact";
import { App } from "./components/App.js";
import { chooseLanguage } from "./text.js";

chooseLanguage(navigator.language);

const root = document.getElementById("root");
if (root) render(<App />, root);
