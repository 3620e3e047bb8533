import type { Weighted } from './random.js';

/**
 * What people write: referral reasons, triage notes, case closures, MDT notes and actions. Kept
 * apart from the logic so the generator reads as the pathway and this file as its words.
 */

/** Why someone is referred: decides who is allocated and what support follows. */
export type Need =
  | 'falls'
  | 'personal_care'
  | 'nursing'
  | 'memory'
  | 'mental_health'
  | 'discharge'
  | 'carer_strain'
  | 'disability'
  | 'isolation';

export type Source = 'gp' | 'hospital' | 'community_nurse' | 'self' | 'family_carer' | 'police' | 'other';

export const reasons: Record<Need, readonly string[]> = {
  falls: [
    'Fall at home last night; struggling with the stairs and with washing',
    'Two falls in the past month, found on the floor by a neighbour; lives alone',
    'Frequent falls, frightened to go out; asks for help with bathing',
    'Fall in the garden; bruised hip, unsteady since, needs help getting in and out of bed',
    'Near falls on the stairs at night; wants rails and a commode',
  ],
  personal_care: [
    'Can no longer wash and dress without help; daughter doing what she can',
    'Struggling with personal care and meals since a flare-up of arthritis',
    'Not managing at home: weight loss, not eating regular meals, house neglected',
    'Needs help with getting up and going to bed; wife can no longer lift him',
    'Poor mobility after a stroke last year; help wanted with showering',
  ],
  nursing: [
    'Leg ulcers need dressing three times a week; not managing her tablets',
    'Heart failure: breathless, ankles swollen, confused about medicines',
    'Diabetes poorly controlled; needs insulin supervision and foot checks',
    'Pressure sore on the heel; spending most of the day in a chair',
    'COPD: several exacerbations this winter, wants to stay out of hospital',
  ],
  memory: [
    'Memory getting worse: leaving the cooker on, missing meals, wandering at night',
    'Recent diagnosis of dementia; family worried about safety at home',
    'Confused and not taking medicines; lost her keys and door left open twice',
    'Forgetting to eat and to take tablets; husband struggling to cope',
  ],
  mental_health: [
    'Low mood and not leaving the house; neglecting himself',
    'Anxiety since bereavement; not eating, not sleeping, asks for support',
    'Mental health crisis last week; needs support at home to stay well',
    'Self-neglect and hoarding reported; at risk of losing the tenancy',
  ],
  discharge: [
    'Ready for discharge after a fractured hip: needs support at home to wash and dress',
    'Medically fit for discharge after pneumonia; weaker than before, lives alone',
    'Discharge after a stroke: needs help with transfers and personal care',
    'Ready to go home after a fall; needs a reablement package and equipment',
    'Discharge after a urinary infection and delirium; confused but improving',
  ],
  carer_strain: [
    'Wife is the main carer and is exhausted; asks for a break and help with care',
    'Son caring for his father alone; not coping, asks for support',
    'Carer has been admitted to hospital; husband at home without help',
  ],
  disability: [
    'Multiple sclerosis: mobility worse, needs help with personal care and getting out',
    'Wheelchair user; current support has broken down, asks for direct payments',
    'Learning disability: parents getting older, planning support to live more independently',
    'Sight loss: needs help to manage at home and to get out',
  ],
  isolation: [
    'Lonely since his wife died; not going out, asks about day centres',
    'Isolated and not eating well; would like company and a hot meal',
    'Self-neglect reported by housing officer; flat in poor condition',
  ],
};

/** Front-door outcomes: resolved at the first step, nothing more needed from a team. */
export const frontDoorResolutions: Weighted<{ outcome: string; notes: readonly string[] }> = [
  {
    value: {
      outcome: 'NFA: Information and advice or signposting',
      notes: [
        'Pointed to the falls prevention class at the community centre.',
        'Advice on attendance allowance and a benefits check; Age Concern to call.',
        'Signposted to the lunch club and the befriending service.',
        'Carers’ support group details given; will call back if things change.',
        'Advice on private cleaners and a meals delivery service.',
      ],
    },
    weight: 46,
  },
  {
    value: {
      outcome: 'Progress to support planning or services',
      notes: [
        'Simple equipment ordered: grab rails and a perching stool from the community equipment service.',
        'Simple equipment ordered: raised toilet seat and a bath board.',
        'Pendant alarm arranged through the community alarm service.',
        'Key safe fitted and a pendant alarm arranged.',
      ],
    },
    weight: 18,
  },
  {
    value: {
      outcome: 'NFA: Referral to NHS services or NHS funded social care',
      notes: ['Referred to the memory clinic.', 'Passed to the community mental health team.', 'Referred to the GP for a medication review.'],
    },
    weight: 12,
  },
  {
    value: {
      outcome: 'NFA: Referral to other service within the local authority',
      notes: ['Passed to housing options about a move to sheltered housing.', 'Referred to the council’s adaptations team.'],
    },
    weight: 10,
  },
  { value: { outcome: 'NFA: Support declined', notes: ['Did not want any help when we called back.', 'Family arranging care themselves.'] }, weight: 7 },
  { value: { outcome: 'NFA: Self-funded client or under 12wk disregard', notes: ['Will arrange and pay for care privately; list of agencies sent.'] }, weight: 5 },
  { value: { outcome: 'NFA: Other', notes: ['Already known to another team; passed on.'] }, weight: 2 },
];

/** A case closed without a package (no assessment, or no eligible needs). */
export const closuresWithoutPackage = {
  health: [
    'District nursing episode complete: wound healed',
    'Goals met: discharged from district nursing',
    'Medicines now managed with a blister pack; discharged',
    'Stable after a course of visits; GP to re-refer if needed',
  ],
  social: [
    'Declined an assessment: managing with family help',
    'Advice given; no further support needed',
    'Assessment complete: no eligible needs; information and advice given',
    'Needs met by family and community groups; closed',
  ],
} as const;

export const closuresOfPackages: Weighted<{ reason: string; outcome: string }> = [
  { value: { reason: 'Support ended as planned: needs met', outcome: 'NFA: Support ended as planned' }, weight: 44 },
  { value: { reason: 'Moved to live with family outside the area', outcome: 'NFA: Responsibility moved to another local authority' }, weight: 12 },
  { value: { reason: 'Support declined: now managing with family help', outcome: 'NFA: Support declined' }, weight: 14 },
  { value: { reason: 'Needs now met by NHS continuing healthcare', outcome: 'NFA: Referral to NHS services or NHS funded social care' }, weight: 10 },
  { value: { reason: 'Now arranging and paying for care privately', outcome: 'NFA: Self-funded client or under 12wk disregard' }, weight: 8 },
  { value: { reason: 'Support ended: no longer needed after recovery', outcome: 'NFA: Support ended for other reason' }, weight: 12 },
];

export const unplannedReviewReasons = [
  'After a fall at home',
  'Carer taken ill',
  'After a hospital admission',
  'Provider raised concerns about changing needs',
  'Family asked for a review',
] as const;

export const reviewNotes = {
  continuing: [
    'Package working well; wants it to carry on as it is.',
    'Managing better; visits at the right times now.',
    'Some days harder than others; package still right.',
    'Family happy with the care; no changes wanted.',
  ],
  ended: ['Goals met; no further support needed.', 'Independent with washing and dressing again.', 'Managing well without help now.'],
  afterReablement: ['Made good progress but still needs help with personal care.', 'Some goals met; ongoing help needed in the mornings.'],
} as const;

export const mdtNotes = {
  waiting: ['New to the caseload: assessment booked this week.', 'Joint visit by nurse and social worker arranged.', 'Urgent: visit today, family worried.'],
  assessing: ['Assessment under way; carer’s views to be sought.', 'Waiting for the OT report before completing the assessment.'],
  arranging: ['Eligible: home care being sourced with the provider.', 'Package agreed; start date awaited from the provider.', 'Equipment on order; delivery chased.'],
  inPlace: [
    'Package in place and stable.',
    'Falls risk remains high; review the equipment.',
    'Carer under strain; respite to be discussed.',
    'Skin intact; district nurse visits continue.',
    'Weight loss noted; meals and GP review discussed.',
    'Doing well; consider closing after the review.',
  ],
  health: ['Wound healing slowly; tissue viability advice sought.', 'Breathless on exertion; community matron to review.', 'Medicines compliance poor; blister pack requested.'],
} as const;

export const mdtActionTexts = {
  health: ['Ask the GP for a medication review', 'Tissue viability referral', 'Community matron to review breathlessness', 'Check blood sugars weekly and report back'],
  social: ['Offer a carer’s assessment', 'Chase the provider for a start date', 'Arrange a joint visit with the family', 'Ask the OT to assess for a stair rail'],
  therapy: ['Home visit to assess for a stair rail', 'Falls prevention exercise programme', 'Review the bathing equipment'],
} as const;

export const carerReasons = [
  'Carer for her husband: exhausted, asks for a carer’s assessment',
  'Caring for his wife every night; asks for a break',
  'Caring for mother alone; struggling to keep working',
] as const;
