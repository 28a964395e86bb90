// Brand colour check (WCAG 2 AA): the brand colour is the background of the main button (white
// text) and the colour of links and headings on the white card, so it must reach 4.5:1 against
// white either way. A failing colour is refused with a darker one of the same hue suggested, so
// the admin decides what the page looks like (colord does the colour maths and the WCAG ratio).
import { colord, extend } from "colord";
import a11yPlugin from "colord/plugins/a11y";

extend([a11yPlugin]);

export const AA_RATIO = 4.5;

export type ColourCheck = { ok: true; hex: string; ratio: number } | { ok: false; message: string; suggestion?: string };

const round = (n: number) => Math.floor(n * 100) / 100;

export function checkBrandColour(input: string): ColourCheck {
  const c = colord(input.trim());
  if (!/^#[0-9a-f]{3}([0-9a-f]{3})?$/i.test(input.trim()) || !c.isValid()) {
    return { ok: false, message: "Enter the colour as a hex code, such as #1d4ed8." };
  }
  const hex = c.toHex();
  const ratio = c.contrast("#ffffff");
  if (ratio >= AA_RATIO) return { ok: true, hex, ratio: round(ratio) };
  // Darken in small steps until white text on it (and it on white) reaches AA.
  let d = c;
  for (let i = 0; i < 100 && d.contrast("#ffffff") < AA_RATIO; i++) d = d.darken(0.01);
  const suggestion = d.toHex();
  return {
    ok: false,
    suggestion,
    message: `${hex} is too light: white text on it (and links in it) reach only ${round(ratio)}:1, and readable text needs ${AA_RATIO}:1 (WCAG AA). Try ${suggestion}, the same colour darker.`,
  };
}
