import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

/** Custom search attributes, so operators can find items in the Temporal Web UI by status and unit. */
export const SEARCH_ATTRIBUTES = {
  status: defineSearchAttributeKey('NgkStatus', SearchAttributeType.KEYWORD),
  leadUnit: defineSearchAttributeKey('NgkLeadUnit', SearchAttributeType.KEYWORD),
  category: defineSearchAttributeKey('NgkCategory', SearchAttributeType.KEYWORD),
  escalationLevel: defineSearchAttributeKey('NgkEscalationLevel', SearchAttributeType.INT),
  dueAt: defineSearchAttributeKey('NgkDueAt', SearchAttributeType.DATETIME),
} as const;
