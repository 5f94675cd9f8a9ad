import {
  Anchor,
  DEFAULT_THEME,
  createTheme,
  darken,
  luminance,
  toRgba,
  type CSSVariablesResolver,
  type MantineColorsTuple,
} from '@mantine/core';

/** WCAG AA for normal-size text. A little above 4.5 so rounding in the browser never drops below it. */
export const MIN_CONTRAST = 4.6;

/** The WCAG contrast ratio of two colours (1 to 21). */
export function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

function hex(color: string): string {
  const { r, g, b } = toRgba(color);
  return `#${[r, g, b].map((c) => Math.round(c).toString(16).padStart(2, '0')).join('')}`;
}

/** Darkens a colour in small steps until it reaches the minimum contrast against every background given. */
function darkenUntil(color: string, backgrounds: string[]): string {
  let out = color;
  for (let step = 0; step < 60 && backgrounds.some((bg) => contrast(out, bg) < MIN_CONTRAST); step += 1) {
    out = hex(darken(out, 0.03));
  }
  return out;
}

/**
 * Mantine's palette made readable. Text and filled surfaces use shades 6–9: `c="teal.8"`, links and filled
 * buttons (white on shade 6), outline and subtle variants (shade 6 on white), light badges, alerts and the
 * active menu entry (shade 9 on shade 1). Each of those shades is darkened just enough to reach 4.5:1 against
 * white and against its own shade 1 (the light backgrounds; shade 9 also against shade 2, the hovered one); shades 0–5 (backgrounds, borders) stay.
 */
export function accessiblePalette(colors: MantineColorsTuple): MantineColorsTuple {
  const out: string[] = [...colors];
  const [light1, light2] = [colors[1], colors[2]];
  for (let shade = 6; shade <= 9; shade += 1) {
    // Shade 9 is also the light variant's text on its hover background, shade 2.
    let c = darkenUntil(out[shade] ?? '#000000', shade === 9 ? ['#ffffff', light1, light2] : ['#ffffff', light1]);
    // Keep the scale ordered: a shade is never lighter than the one before it.
    const previous = out[shade - 1] ?? c;
    if (shade > 6 && luminance(c) > luminance(previous)) c = hex(darken(previous, 0.06));
    out[shade] = c;
  }
  return out as unknown as MantineColorsTuple;
}

const colors = Object.fromEntries(
  Object.entries(DEFAULT_THEME.colors)
    .filter(([name]) => name !== 'dark')
    .map(([name, tuple]) => [name, accessiblePalette(tuple)]),
);

/**
 * Gerbang's theme: teal, rounded, every text colour at WCAG AA contrast. Links are underlined: inside a sentence
 * a link must not be told apart by its colour alone (WCAG 1.4.1).
 */
export const theme = createTheme({
  primaryColor: 'teal',
  defaultRadius: 'md',
  colors,
  components: { Anchor: Anchor.extend({ defaultProps: { underline: 'always' } }) },
});

/** Secondary text (`c="dimmed"`): the darkened gray 7, readable on white and on the gray-0/1 panels. */
export const DIMMED = darkenUntil(DEFAULT_THEME.colors.gray[6], ['#ffffff', DEFAULT_THEME.colors.gray[1]]);

/** Mantine's CSS variables with the dimmed text and placeholder colour at AA contrast. */
export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: { '--mantine-color-dimmed': DIMMED, '--mantine-color-placeholder': DIMMED },
  dark: {},
});
