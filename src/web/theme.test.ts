import { DEFAULT_THEME } from '@mantine/core';
import { describe, expect, it } from 'vitest';
import { DIMMED, MIN_CONTRAST, contrast, theme } from './theme';

describe('the theme reaches WCAG AA contrast (4.5:1) for text', () => {
  const palettes = Object.entries(theme.colors ?? {});

  it('covers every Mantine colour but the dark scheme', () => {
    expect(palettes.map(([name]) => name).sort()).toEqual(
      Object.keys(DEFAULT_THEME.colors)
        .filter((n) => n !== 'dark')
        .sort(),
    );
  });

  it.each(palettes)('%s: white on the filled shades, the shades on white and on the light backgrounds', (_, c) => {
    if (!c) throw new Error('no palette');
    for (const shade of [6, 7, 8, 9]) {
      expect(contrast(c[shade] ?? '', '#ffffff')).toBeGreaterThanOrEqual(MIN_CONTRAST);
      expect(contrast(c[shade] ?? '', c[1] ?? '')).toBeGreaterThanOrEqual(MIN_CONTRAST);
    }
    // The light variant (badges, alerts, the active menu entry): shade 9 on shade 1, and on 2 when hovered.
    expect(contrast(c[9] ?? '', c[2] ?? '')).toBeGreaterThanOrEqual(MIN_CONTRAST);
    // Backgrounds and borders keep Mantine's look.
    expect(c.slice(0, 6)).toEqual([...(DEFAULT_THEME.colors[_] ?? [])].slice(0, 6));
  });

  it('dimmed text on white and on the gray panels', () => {
    expect(contrast(DIMMED, '#ffffff')).toBeGreaterThanOrEqual(MIN_CONTRAST);
    expect(contrast(DIMMED, DEFAULT_THEME.colors.gray[1])).toBeGreaterThanOrEqual(MIN_CONTRAST);
    // Mantine's own dimmed gray fails: the override is what makes it readable.
    expect(contrast(DEFAULT_THEME.colors.gray[6], '#ffffff')).toBeLessThan(4.5);
  });
});
