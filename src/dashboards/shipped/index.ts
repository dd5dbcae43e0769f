// The boards Vigil ships, stored on an origin's first start: the demo service
// (where a first open lands), Vigil's own figures, and node_exporter hosts.

import type { Dashboard } from '../model';
import { DEMO_DASHBOARD_UID, demoServiceBoard } from './demoService';
import { nodeExporterBoard } from './nodeExporter';
import { vigilBoard } from './vigil';

export { DEMO_DASHBOARD_UID };

export const SHIPPED_DASHBOARDS: Dashboard[] = [demoServiceBoard(), vigilBoard(), nodeExporterBoard()];
