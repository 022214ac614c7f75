// The window's page: one Preact tree over the typed commands (see components/App.tsx).

import { render } from "preact";
import { App } from "./components/App.js";

// What the strict CSP blocked, if anything: the end-to-end tests read it, and it is logged.
const violations: string[] = [];
Object.assign(window, { cspViolations: violations });
document.addEventListener("securitypolicyviolation", (e) => {
  violations.push(`${e.violatedDirective} ${e.blockedURI}`);
  console.error("CSP violation", e.violatedDirective, e.blockedURI);
});

const root = document.getElementById("root");
if (root) render(<App />, root);
