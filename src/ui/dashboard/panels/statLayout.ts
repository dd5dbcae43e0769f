// Where each of several values goes in a panel and how large its text is,
// as Grafana's stat, gauge and bar gauge lay out one value per series.

export interface GridLayout {
  columns: number;
  rows: number;
  cellWidth: number;
  cellHeight: number;
}

/** The grid whose cells best hold a value drawn `aspect` times as wide as high (2 for a stat, 1 for a gauge). */
export function gridLayout(count: number, width: number, height: number, aspect: number): GridLayout {
  if (count <= 0) return { columns: 1, rows: 1, cellWidth: width, cellHeight: height };
  let best: GridLayout | null = null;
  let bestScore = -Infinity;
  for (let columns = 1; columns <= count; columns++) {
    const rows = Math.ceil(count / columns);
    const cellWidth = width / columns;
    const cellHeight = height / rows;
    // The tighter side decides how large a value can be drawn; on a tie more columns win (a wide panel reads left to right).
    const score = Math.min(cellWidth / aspect, cellHeight);
    if (score >= bestScore) {
      bestScore = score;
      best = { columns, rows, cellWidth, cellHeight };
    }
  }
  return best!;
}

/** A font size (px) that fits `text` in width × height, between 10 and 120. */
export function fitFontSize(text: string, width: number, height: number, share = 0.6): number {
  // Bold glyph widths in the UI font, in em: capitals and symbols are wide, digits and lower case narrower.
  let ems = 0;
  for (const ch of text) ems += /[A-Z%@#MW]/.test(ch) ? 0.85 : 0.62;
  const byWidth = (width * 0.9) / Math.max(0.62, ems);
  const byHeight = height * share;
  return Math.round(Math.max(10, Math.min(120, byWidth, byHeight)));
}
