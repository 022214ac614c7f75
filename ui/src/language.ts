// The admin's language, handed down the tree: the one chosen in Settings, else the system's (as
// Rust reads it, like the command line). A change of language is a new value here, and every
// component that words something draws again.

import { createContext } from "preact";
import { useContext } from "preact/hooks";
import { type Catalog, catalogFor } from "./i18n/index.js";

// No default catalog: one made here would parse a language the admin may not read.
export const Language = createContext<Catalog | null>(null);

/** The catalog to word this component with (English only outside the window's tree). */
export const useText = (): Catalog => useContext(Language) ?? catalogFor("en");
