// How long Factorial keeps a refresh token, under "More settings": most admins never change it.

import { useState } from "preact/hooks";
import { LIFE_UNITS, type LifeUnit } from "../../form.js";
import { useText } from "../../language.js";

export function RefreshLife(props: {
  amount: string;
  onAmount: (amount: string) => void;
  unit: LifeUnit;
  onUnit: (unit: LifeUnit) => void;
  /** Rust named the refresh-token life as what to fix: the section opens to show it. */
  invalid: true | undefined;
}) {
  const text = useText();
  const [open, setOpen] = useState(false);
  return (
    // Opened by the admin, or by Rust's answer naming the field inside.
    <details class="more" open={open || props.invalid === true} onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>{text.text("more-settings")}</summary>
      <div class="field">
        <label for="app-refresh-life">{text.text("label-refresh-life")}</label>
        <div class="row">
          <input
            id="app-refresh-life"
            type="number"
            step="any"
            inputMode="decimal"
            value={props.amount}
            aria-invalid={props.invalid}
            aria-describedby="app-refresh-life-help"
            onInput={(e) => props.onAmount(e.currentTarget.value)}
          />
          <select
            id="app-refresh-life-unit"
            aria-label={text.text("label-refresh-life-unit")}
            value={props.unit}
            onChange={(e) => props.onUnit(e.currentTarget.value as LifeUnit)}
          >
            {LIFE_UNITS.map((unit) => (
              <option value={unit} key={unit}>
                {text.text(`unit-${unit}`)}
              </option>
            ))}
          </select>
        </div>
        <p class="help" id="app-refresh-life-help">
          {text.text("refresh-life-help")}
        </p>
      </div>
    </details>
  );
}
