/** Commissioning groups' API calls (src/commissioning/group-routes.ts). */
import type { z } from 'zod';
import type { groupSchema, groupSummary } from '../../../src/commissioning/group-api-schemas';
import { request } from '../api';

export type GroupSummary = z.output<typeof groupSummary>;
export type Group = z.output<typeof groupSchema>;
export type DecisionBody = { decidedOn: string; reference: string; title: string; text: string };

export const groupsApi = {
  list: () => request<{ groups: GroupSummary[] }>('/api/commissioning/groups'),
  one: (id: string) => request<Group>(`/api/commissioning/groups/${id}`),
  recordDecision: (id: string, body: DecisionBody) => request<Group>(`/api/commissioning/groups/${id}/decisions`, { method: 'POST', body }),
};
