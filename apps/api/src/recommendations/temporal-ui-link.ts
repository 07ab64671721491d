import type { Role } from '@ngk/domain';
import { recommendationWorkflowId } from '@ngk/temporal';

/** Where the Temporal Web UI is, and which namespace the items' workflows run in. */
export interface TemporalUi {
  baseUrl: string | undefined;
  namespace: string;
}

/**
 * The item's workflow in the Temporal Web UI, for admins only (the history holds every input verbatim);
 * null without a UI to link to. The path names no run: the UI opens the current one, after any
 * continue-as-new.
 */
export function temporalUiLink(ui: TemporalUi, role: Role, recommendationId: string): string | null {
  if (role !== 'admin' || !ui.baseUrl) return null;
  const namespace = encodeURIComponent(ui.namespace);
  const workflowId = encodeURIComponent(recommendationWorkflowId(recommendationId));
  return `${ui.baseUrl.replace(/\/+$/, '')}/namespaces/${namespace}/workflows/${workflowId}`;
}
