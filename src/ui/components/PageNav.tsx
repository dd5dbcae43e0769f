// The page links of the top bar. On a narrow screen (a phone) they do not fit
// on one line, so a Menu button opens them as a list; Escape or choosing a
// page closes it, and focus goes back to the button.

import { useRef, useState, type ReactNode } from 'react';

export interface NavPage {
  path: string;
  title: string;
  /** A count beside the title (targets down, alerts firing), with its spoken name. */
  badge?: { count: number; label: string };
}

export function PageNav({ pages, current }: { pages: readonly NavPage[]; current: NavPage }) {
  // Open on the page it was opened on: reaching another page by any way closes it.
  const [openOn, setOpenOn] = useState<string | null>(null);
  const open = openOn === current.path;
  const setOpen = (o: boolean) => setOpenOn(o ? current.path : null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const attention = pages.some((p) => (p.badge?.count ?? 0) > 0);
  const close = () => {
    setOpen(false);
    buttonRef.current?.focus();
  };
  return (
    <div
      className="page-nav"
      onKeyDown={(e) => {
        if (open && e.key === 'Escape') close();
      }}
    >
      <button
        ref={buttonRef}
        type="button"
        className="menu-button"
        aria-expanded={open}
        aria-controls="page-links"
        onClick={() => setOpen(!open)}
      >
        <span aria-hidden="true">☰</span> Menu
        <span className="menu-current">{current.title}</span>
        {attention && !open ? <span className="badge-dot" aria-label="something needs attention" /> : null}
      </button>
      <nav id="page-links" aria-label="Pages" className={open ? 'open' : undefined}>
        {pages.map((p) => (
          <a key={p.path} href={`#${p.path}`} aria-current={p === current ? 'page' : undefined} onClick={() => setOpen(false)}>
            {p.title}
            {p.badge && p.badge.count > 0 ? <Badge label={p.badge.label}>{p.badge.count}</Badge> : null}
          </a>
        ))}
      </nav>
    </div>
  );
}

function Badge({ label, children }: { label: string; children: ReactNode }) {
  return (
    <span className="badge" aria-label={label}>
      {children}
    </span>
  );
}
