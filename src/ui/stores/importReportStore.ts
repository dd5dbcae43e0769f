// The report of the last import, shown on the imported board after the
// Dashboards page navigates there, until dismissed.

import { create } from 'zustand';
import type { ImportReport } from '../../dashboards/grafanaImport';

interface ImportReportState {
  last: { uid: string; title: string; report: ImportReport } | null;
  dismiss(): void;
}

export const useImportReport = create<ImportReportState>((set) => ({
  last: null,
  dismiss() {
    set({ last: null });
  },
}));
