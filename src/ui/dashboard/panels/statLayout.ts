// Where each of several values goes in a panel and how large its text is,
// as Grafana's stat, gauge and bar gauge lay out one value per series.

export interface GridLayout {
  columns: number;
  rows: number;
  cellWidth: number;
  cellHeight: number;
}

/** The grid of cells nearest to square for `count` values in width × height. */
export function gridLayout(count: number, width: number, height: number): GridLayout {
  if (count <= 0) return { columns: 1, rows: 1, cellWidth: width, cellHeight: height };
  let best: GridLayout | null = null;
  let bestScore = -Infinity;
  for (let columns = 1; columns <= count; columns++) {
    const rows = Math.ceil(count / columns);
    const cellWidth = width / columns;
    const cellHeight = height / rows;
    // The smaller side decides how large a value can be drawn; prefer cells close to 2:1, and on a tie more columns (a wide panel reads left to right).
    const score = Math.min(cellWidth / 2, cellHeight);
    if (score >= bestScore) {
      bestScore = score;
      best = { columns, rows, cellWidth, cellHeight };
    }
  }
  return best!;
}

/** A font size (px) that fits `text` in width × height, between 10 and 120. */
export function fitFontSize(text: string, width: number, height: number, share = 0.6): number {
  const chars = Math.max(1, text.length);
  // 0.6 em is a fair average glyph width for digits in the UI font.
  const byWidth = (width * 0.9) / (chars * 0.6);
  const byHeight = height * share;
  return Math.round(Math.max(10, Math.min(120, byWidth, byHeight)));
}
