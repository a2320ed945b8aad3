/**
 * WCAG 2.x contrast arithmetic. Admins pick the brand colour in the YAML (or a site passes one in the
 * embed snippet); these functions make sure whatever they pick stays readable: the text drawn on it
 * is black or white, whichever contrasts more (pure black and white always reach 4.58:1 between them), and the colour itself is
 * darkened when used as text on white until it reaches AA.
 */

/** AA minimum for normal text. */
export const AA_NORMAL = 4.5;

/** `#rgb` / `#rrggbb` to [r, g, b] in 0..255, or null when not a hex colour. */
export function parseHex(color: string): [number, number, number] | null {
  const m = /^#?([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(color.trim());
  if (!m) return null;
  const hex = m[1]!.length === 3 ? [...m[1]!].map((c) => c + c).join("") : m[1]!;
  return [0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16)) as [number, number, number];
}

/** `#rrggbb` for an [r, g, b] triple. */
export function toHex(rgb: readonly number[]): string {
  return `#${rgb.map((v) => Math.round(Math.min(255, Math.max(0, v))).toString(16).padStart(2, "0")).join("")}`;
}

/** Relative luminance (WCAG definition). */
export function luminance(rgb: readonly number[]): number {
  const [r, g, b] = rgb.map((v) => {
    const c = v / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** Contrast ratio between two hex colours (1 to 21); 1 when either is not a hex colour. */
export function contrastRatio(a: string, b: string): number {
  const x = parseHex(a);
  const y = parseHex(b);
  if (!x || !y) return 1;
  const [hi, lo] = [luminance(x), luminance(y)].sort((p, q) => q - p) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** White or near-black text, whichever is more readable on `background`; pure black when only it reaches AA. */
export function readableTextOn(background: string): "#ffffff" | "#111111" | "#000000" {
  const best = contrastRatio("#ffffff", background) >= contrastRatio("#111111", background) ? "#ffffff" : "#111111";
  return contrastRatio(best, background) >= AA_NORMAL ? best : "#000000";
}

/**
 * `color` itself when it reaches `ratio` against `background`, else the same hue darkened (or
 * lightened, on dark backgrounds) just enough to reach it.
 */
export function ensureContrast(color: string, background: string, ratio = AA_NORMAL): string {
  const rgb = parseHex(color);
  const bg = parseHex(background);
  if (!rgb || !bg) return color;
  const towardBlack = luminance(bg) > 0.18;
  for (let step = 0; step <= 20; step++) {
    const k = step / 20;
    const candidate = toHex(rgb.map((v) => (towardBlack ? v * (1 - k) : v + (255 - v) * k)));
    if (contrastRatio(candidate, background) >= ratio) return candidate;
  }
  return towardBlack ? "#000000" : "#ffffff";
}

/**
 * The custom properties a brand colour gives a UI: the colour itself, readable text on it, and the
 * colour made AA-safe for links and text on `surface`.
 */
export function brandColors(primary: string, surface = "#ffffff"): Record<string, string> {
  return { "--parley-primary": primary, "--parley-on-primary": readableTextOn(primary), "--parley-primary-text": ensureContrast(primary, surface) };
}
