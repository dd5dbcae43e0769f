import { useEffect, type RefObject } from 'react';

/**
 * Sizes a canvas's backing store to its CSS box at the device's pixel ratio,
 * so cells stay sharp on a dense screen, and calls `draw` in CSS pixels
 * whenever the size or `draw` (memoised by the caller) changes.
 */
export function useCanvasDraw(ref: RefObject<HTMLCanvasElement | null>, width: number, height: number, draw: (ctx: CanvasRenderingContext2D) => void): void {
  useEffect(() => {
    const canvas = ref.current;
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx) return;
    const dpr = window.devicePixelRatio || 1;
    canvas.width = Math.round(width * dpr);
    canvas.height = Math.round(height * dpr);
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    draw(ctx);
  }, [ref, width, height, draw]);
}
