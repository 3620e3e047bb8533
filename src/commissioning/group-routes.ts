/** Commissioning groups over HTTP: commissioners keep them, commissioning's readers read them (audited). */
import { errorResponses } from '../access/api-schemas.js';
import { auditAllowed, auditedRead } from '../access/guard.js';
import type { AppInstance } from '../platform/app-instance.js';
import { londonDateOf } from '../platform/dates.js';
import { ctxOf, type AppDeps } from '../platform/request-context.js';
import { groupListSchema, groupSchema } from './group-api-schemas.js';
import { endMembershipInput, groupParams, memberParams, newDecisionInput, newGroupInput, newMemberInput } from './group-inputs.js';
import { addGroupMember, commissioningGroupList, commissioningGroupOf, createCommissioningGroup, endGroupMembership, recordGroupDecision } from './groups.js';
import { mustHoldCommissioningRole } from './roles.js';

const tags = ['commissioning'];
const base = '/api/commissioning/groups';

export async function groupRoutes(app: AppInstance, deps: AppDeps): Promise<void> {
  app.get(base, { schema: { tags, summary: 'Commissioning groups and joint boards of the place, with their client groups, lead partner and budget lines', response: { 200: groupListSchema, ...errorResponses } } }, async (req) => {
    const ctx = ctxOf(req, deps);
    await mustHoldCommissioningRole(ctx, 'read', 'commissioning.groups_read', 'read the commissioning groups');
    const now = ctx.clock.now();
    return auditedRead(ctx, async (db) => {
      const groups = await commissioningGroupList(db, ctx.actor.placeId);
      await auditAllowed(db, ctx.actor, now, { action: 'commissioning.groups_read', personIds: [], detail: { groups: groups.length } });
      return { groups };
    });
  });

  app.post(base, { schema: { tags, summary: 'Record a commissioning group or joint board (its budget lines must be of its client groups)', body: newGroupInput, response: { 201: groupSchema, ...errorResponses } } }, async (req, reply) => {
    const ctx = ctxOf(req, deps);
    await mustHoldCommissioningRole(ctx, 'commission', 'commissioning.group_created', 'record a commissioning group');
    return reply.code(201).send(await createCommissioningGroup(ctx, req.body));
  });

  app.get(`${base}/:id`, { schema: { tags, summary: 'One commissioning group: members, budget lines with this year’s spend from the pooled ledger, decisions', params: groupParams, response: { 200: groupSchema, ...errorResponses } } }, async (req) => {
    const ctx = ctxOf(req, deps);
    await mustHoldCommissioningRole(ctx, 'read', 'commissioning.group_read', 'read a commissioning group');
    const now = ctx.clock.now();
    return auditedRead(ctx, async (db) => {
      const g = await commissioningGroupOf(db, ctx.actor.placeId, req.params.id, londonDateOf(now));
      await auditAllowed(db, ctx.actor, now, { action: 'commissioning.group_read', personIds: [], detail: { groupId: g.id } });
      return g;
    });
  });

  app.post(`${base}/:id/members`, { schema: { tags, summary: 'Add a member to a commissioning group (appointed, or elected by the membership body)', params: groupParams, body: newMemberInput, response: { 201: groupSchema, ...errorResponses } } }, async (req, reply) => {
    const ctx = ctxOf(req, deps);
    await mustHoldCommissioningRole(ctx, 'commission', 'commissioning.group_member_added', 'add a member to a commissioning group');
    return reply.code(201).send(await addGroupMember(ctx, req.params.id, req.body));
  });

  app.post(`${base}/:id/members/:memberId/end`, { schema: { tags, summary: 'End a membership of a commissioning group on a day (the membership is kept)', params: memberParams, body: endMembershipInput, response: { 200: groupSchema, ...errorResponses } } }, async (req) => {
    const ctx = ctxOf(req, deps);
    await mustHoldCommissioningRole(ctx, 'commission', 'commissioning.group_member_ended', 'end a membership of a commissioning group');
    return endGroupMembership(ctx, req.params.id, req.params.memberId, req.body.toOn);
  });

  app.post(`${base}/:id/decisions`, { schema: { tags, summary: 'Record a decision of a commissioning group (its reference unique in the group)', params: groupParams, body: newDecisionInput, response: { 201: groupSchema, ...errorResponses } } }, async (req, reply) => {
    const ctx = ctxOf(req, deps);
    await mustHoldCommissioningRole(ctx, 'commission', 'commissioning.group_decision_recorded', 'record a commissioning group’s decision');
    return reply.code(201).send(await recordGroupDecision(ctx, req.params.id, req.body));
  });
}
