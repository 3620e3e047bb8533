import { describe, expect, it } from 'vitest';
import { subjectTypeOf } from './events.js';

describe('what a timeline entry is about', () => {
  it('follows from the action of every step the pathway and the hospital write', () => {
    const expected: Record<string, string> = {
      'referral.received': 'referral',
      'referral.joined': 'referral',
      'triage.resolved': 'referral',
      'triage.accepted': 'referral',
      'referral.allocated': 'referral',
      'case.transferred': 'case',
      'case.closed': 'case',
      'assessment.started': 'assessment',
      'assessment.section_started': 'assessment',
      'assessment.completed': 'assessment',
      'eligibility.decided': 'assessment',
      'eligibility.overridden': 'assessment',
      'plan.created': 'plan',
      'package.proposed': 'service_line',
      'package.approved': 'service_line',
      'package.in_place': 'service_line',
      'package.ended': 'service_line',
      'package.cancelled': 'service_line',
      'review.scheduled': 'review',
      'review.completed': 'review',
      'mdt.discussed': 'mdt_meeting',
      'mdt.action': 'mdt_action',
      'mdt.action_done': 'mdt_action',
      'stay.admit': 'stay',
      'stay.discharge': 'stay',
    };
    for (const [action, subject] of Object.entries(expected)) expect(subjectTypeOf(action), action).toBe(subject);
    expect(subjectTypeOf('something.new')).toBeNull();
  });
});
