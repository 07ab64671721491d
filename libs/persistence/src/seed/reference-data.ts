import type { Role, UnitKind, Urgency } from '@ngk/domain';

/**
 * Reference data as of 2026, built on its history. The source article's Bến Tre units ("nắm, góp, kiểm",
 * 2024) are the history: they are seeded as they were, and the 2025 reorganization (scripts/lib and
 * REORGANIZATIONS_2025 below) ends them through the same operation an admin runs, so the open items they
 * hold move to their successors with the decision as the reason. Vĩnh Long's structure since 2025 is
 * seeded beside them, each unit from the day it began:
 * - 1 March 2025: departments merged (Agriculture and Rural Development with Natural Resources and
 *   Environment; Transport with Construction; Planning and Investment with Finance), and the Party
 *   committee's Propaganda and Mass Mobilization boards became one board;
 * - 1 July 2025: Bến Tre, Trà Vinh and Vĩnh Long became the new Vĩnh Long province, and district-level
 *   government ended; communes answer to the province directly.
 * Only names confirmed from public sources are used for real units.
 */
export interface UnitSeed {
  code: string;
  kind: UnitKind;
  nameVi: string;
  nameEn: string;
  parent: string | null;
  /** The supervising body, when it is not the parent (a district People's Committee answers to the province's). */
  supervisor?: string;
  headTitle?: string;
  /** The day the unit began (YYYY-MM-DD); the article's units date from SEED_VALID_FROM. */
  validFrom?: string;
  /** The name is illustrative, not confirmed from public sources (demo data only). */
  demo?: boolean;
}

/** The day the department and Party board mergers took effect in the province. */
export const DEPARTMENT_MERGER_DATE = '2025-03-01';
/** The day the new Vĩnh Long province began and district-level government ended. */
export const PROVINCE_MERGER_DATE = '2025-07-01';

export const UNITS: UnitSeed[] = [
  { code: 'ben-tre', kind: 'province', nameVi: 'Tỉnh Bến Tre', nameEn: 'Ben Tre Province', parent: null },
  {
    code: 'standing-committee',
    kind: 'standing-committee',
    nameVi: 'Ban Thường vụ Tỉnh ủy',
    nameEn: 'Provincial Party Standing Committee',
    parent: null,
    headTitle: 'Bí thư Tỉnh ủy',
  },
  {
    code: 'party-office',
    kind: 'triage-office',
    nameVi: 'Văn phòng Tỉnh ủy',
    nameEn: 'Provincial Party Office',
    parent: 'standing-committee',
    headTitle: 'Chánh Văn phòng Tỉnh ủy',
  },
  {
    code: 'organization-board',
    kind: 'party-board',
    nameVi: 'Ban Tổ chức Tỉnh ủy',
    nameEn: 'Provincial Party Organization Board',
    parent: 'standing-committee',
    headTitle: 'Trưởng Ban Tổ chức',
  },
  {
    code: 'propaganda-board',
    kind: 'party-board',
    nameVi: 'Ban Tuyên giáo Tỉnh ủy',
    nameEn: 'Provincial Party Propaganda Board',
    parent: 'standing-committee',
    headTitle: 'Trưởng Ban Tuyên giáo',
  },
  {
    code: 'mass-mobilization-board',
    kind: 'party-board',
    nameVi: 'Ban Dân vận Tỉnh ủy',
    nameEn: 'Provincial Party Mass Mobilization Board',
    parent: 'standing-committee',
    headTitle: 'Trưởng Ban Dân vận',
  },
  {
    code: 'internal-affairs-board',
    kind: 'party-board',
    nameVi: 'Ban Nội chính Tỉnh ủy',
    nameEn: 'Provincial Party Internal Affairs Board',
    parent: 'standing-committee',
    headTitle: 'Trưởng Ban Nội chính',
  },
  {
    code: 'provincial-peoples-committee',
    kind: 'provincial-committee',
    nameVi: 'Ủy ban nhân dân tỉnh',
    nameEn: "Provincial People's Committee",
    parent: 'standing-committee',
    headTitle: 'Chủ tịch UBND tỉnh',
  },
  {
    code: 'dard',
    kind: 'department',
    nameVi: 'Sở Nông nghiệp và Phát triển nông thôn',
    nameEn: 'Department of Agriculture and Rural Development',
    parent: 'provincial-peoples-committee',
    headTitle: 'Giám đốc Sở',
  },
  {
    code: 'doit',
    kind: 'department',
    nameVi: 'Sở Công Thương',
    nameEn: 'Department of Industry and Trade',
    parent: 'provincial-peoples-committee',
    headTitle: 'Giám đốc Sở',
  },
  {
    code: 'dot',
    kind: 'department',
    nameVi: 'Sở Giao thông vận tải',
    nameEn: 'Department of Transport',
    parent: 'provincial-peoples-committee',
    headTitle: 'Giám đốc Sở',
  },
  {
    code: 'dpi',
    kind: 'department',
    nameVi: 'Sở Kế hoạch và Đầu tư',
    nameEn: 'Department of Planning and Investment',
    parent: 'provincial-peoples-committee',
    headTitle: 'Giám đốc Sở',
  },
  {
    code: 'donre',
    kind: 'department',
    nameVi: 'Sở Tài nguyên và Môi trường',
    nameEn: 'Department of Natural Resources and Environment',
    parent: 'provincial-peoples-committee',
    headTitle: 'Giám đốc Sở',
  },
  {
    code: 'thanh-phu',
    kind: 'district',
    nameVi: 'UBND huyện Thạnh Phú',
    nameEn: "Thạnh Phú District People's Committee",
    parent: 'ben-tre',
    supervisor: 'provincial-peoples-committee',
    headTitle: 'Chủ tịch UBND huyện',
  },
  {
    code: 'giong-trom',
    kind: 'district',
    nameVi: 'UBND huyện Giồng Trôm',
    nameEn: "Giồng Trôm District People's Committee",
    parent: 'ben-tre',
    supervisor: 'provincial-peoples-committee',
    headTitle: 'Chủ tịch UBND huyện',
  },
  {
    code: 'ba-tri',
    kind: 'district',
    nameVi: 'UBND huyện Ba Tri',
    nameEn: "Ba Tri District People's Committee",
    parent: 'ben-tre',
    supervisor: 'provincial-peoples-committee',
    headTitle: 'Chủ tịch UBND huyện',
  },
  {
    code: 'hoa-loi',
    kind: 'commune',
    nameVi: 'Xã Hòa Lợi',
    nameEn: 'Hòa Lợi Commune',
    parent: 'thanh-phu',
    headTitle: 'Chủ tịch UBND xã',
  },
  {
    code: 'an-thanh',
    kind: 'commune',
    nameVi: 'Xã An Thạnh',
    nameEn: 'An Thạnh Commune',
    parent: 'thanh-phu',
    headTitle: 'Chủ tịch UBND xã',
  },
  {
    code: 'binh-thanh',
    kind: 'commune',
    nameVi: 'Xã Bình Thành',
    nameEn: 'Bình Thành Commune',
    parent: 'giong-trom',
    headTitle: 'Chủ tịch UBND xã',
  },
  {
    code: 'phong-nam',
    kind: 'commune',
    nameVi: 'Xã Phong Nẫm',
    nameEn: 'Phong Nẫm Commune',
    parent: 'giong-trom',
    headTitle: 'Chủ tịch UBND xã',
  },
  {
    code: 'phu-le',
    kind: 'commune',
    nameVi: 'Xã Phú Lễ',
    nameEn: 'Phú Lễ Commune',
    parent: 'ba-tri',
    headTitle: 'Chủ tịch UBND xã',
  },
  {
    code: 'vinh-long',
    kind: 'province',
    nameVi: 'Tỉnh Vĩnh Long',
    nameEn: 'Vinh Long Province',
    parent: null,
    validFrom: PROVINCE_MERGER_DATE,
  },
  {
    code: 'dae',
    kind: 'department',
    nameVi: 'Sở Nông nghiệp và Môi trường',
    nameEn: 'Department of Agriculture and Environment',
    parent: 'provincial-peoples-committee',
    headTitle: 'Giám đốc Sở',
    validFrom: DEPARTMENT_MERGER_DATE,
  },
  {
    code: 'doc',
    kind: 'department',
    nameVi: 'Sở Xây dựng',
    nameEn: 'Department of Construction',
    parent: 'provincial-peoples-committee',
    headTitle: 'Giám đốc Sở',
    validFrom: DEPARTMENT_MERGER_DATE,
  },
  {
    code: 'dof',
    kind: 'department',
    nameVi: 'Sở Tài chính',
    nameEn: 'Department of Finance',
    parent: 'provincial-peoples-committee',
    headTitle: 'Giám đốc Sở',
    validFrom: DEPARTMENT_MERGER_DATE,
  },
  {
    code: 'propaganda-mass-mobilization-board',
    kind: 'party-board',
    nameVi: 'Ban Tuyên giáo và Dân vận Tỉnh ủy',
    nameEn: 'Provincial Party Propaganda and Mass Mobilization Board',
    parent: 'standing-committee',
    headTitle: 'Trưởng Ban Tuyên giáo và Dân vận',
    validFrom: DEPARTMENT_MERGER_DATE,
  },
];

/**
 * The demo's communes after the 2025 commune mergers. Their real names could not be confirmed from public
 * sources, so each says it is illustrative (and is flagged `demo`) rather than carrying an invented,
 * official-looking name. Seeded with the demo accounts only, never in a production install.
 */
export const DEMO_UNITS: UnitSeed[] = [
  {
    code: 'demo-commune-hoa-loi-an-thanh',
    kind: 'commune',
    nameVi: 'Xã mới gồm Hòa Lợi, An Thạnh (tên minh họa)',
    nameEn: 'New commune of Hòa Lợi and An Thạnh (illustrative name)',
    parent: 'vinh-long',
    headTitle: 'Chủ tịch UBND xã',
    validFrom: PROVINCE_MERGER_DATE,
    demo: true,
  },
  {
    code: 'demo-commune-binh-thanh-phong-nam',
    kind: 'commune',
    nameVi: 'Xã mới gồm Bình Thành, Phong Nẫm (tên minh họa)',
    nameEn: 'New commune of Bình Thành and Phong Nẫm (illustrative name)',
    parent: 'vinh-long',
    headTitle: 'Chủ tịch UBND xã',
    validFrom: PROVINCE_MERGER_DATE,
    demo: true,
  },
  {
    code: 'demo-commune-phu-le',
    kind: 'commune',
    nameVi: 'Xã mới gồm Phú Lễ (tên minh họa)',
    nameEn: 'New commune including Phú Lễ (illustrative name)',
    parent: 'vinh-long',
    headTitle: 'Chủ tịch UBND xã',
    validFrom: PROVINCE_MERGER_DATE,
    demo: true,
  },
];

export const CATEGORIES = [
  { code: 'infrastructure', nameVi: 'Hạ tầng, giao thông', nameEn: 'Infrastructure and transport' },
  {
    code: 'agriculture-resources',
    nameVi: 'Nông nghiệp, tài nguyên và môi trường',
    nameEn: 'Agriculture, natural resources and environment',
  },
  { code: 'propaganda', nameVi: 'Công tác tuyên truyền', nameEn: 'Propaganda work' },
  {
    code: 'party-organization',
    nameVi: 'Công tác tổ chức, xây dựng Đảng',
    nameEn: 'Party organization and building',
  },
  { code: 'social', nameVi: 'Văn hóa, xã hội', nameEn: 'Culture and social affairs' },
];

export interface SlaPolicySeed {
  code: string;
  categoryCode: string | null;
  urgency: Urgency;
  acknowledgeDays: number;
  coordinationDays: number;
  resolutionDays: number;
  feedbackDays: number;
  verificationGraceDays: number;
  escalationGraceDays: number;
  directiveDays: number;
}

/** Working days. Normal 2 / 5 / 15, urgent 1 / 2 / 5, as a province would set them. */
export const SLA_POLICIES: SlaPolicySeed[] = [
  {
    code: 'default-normal',
    categoryCode: null,
    urgency: 'normal',
    acknowledgeDays: 2,
    coordinationDays: 5,
    resolutionDays: 15,
    feedbackDays: 5,
    verificationGraceDays: 5,
    escalationGraceDays: 5,
    directiveDays: 10,
  },
  {
    code: 'default-urgent',
    categoryCode: null,
    urgency: 'urgent',
    acknowledgeDays: 1,
    coordinationDays: 2,
    resolutionDays: 5,
    feedbackDays: 3,
    verificationGraceDays: 2,
    escalationGraceDays: 2,
    directiveDays: 5,
  },
  {
    code: 'infrastructure-normal',
    categoryCode: 'infrastructure',
    urgency: 'normal',
    acknowledgeDays: 2,
    coordinationDays: 5,
    resolutionDays: 20,
    feedbackDays: 5,
    verificationGraceDays: 10,
    escalationGraceDays: 5,
    directiveDays: 10,
  },
];

export interface RoutingRuleSeed {
  code: string;
  categoryCode: string | null;
  locality: string | null;
  lead: string;
  coordinating: string[];
  slaPolicyCode: string | null;
  priority?: number;
}

/** No rule for "social": such items go to the triage office (Văn phòng Tỉnh ủy), which routes by hand. */
export const ROUTING_RULES: RoutingRuleSeed[] = [
  {
    code: 'infrastructure-thanh-phu',
    categoryCode: 'infrastructure',
    locality: 'thanh-phu',
    lead: 'thanh-phu',
    coordinating: ['dot', 'dpi'],
    slaPolicyCode: 'infrastructure-normal',
  },
  {
    code: 'infrastructure-province',
    categoryCode: 'infrastructure',
    locality: null,
    lead: 'dot',
    coordinating: ['dpi'],
    slaPolicyCode: 'infrastructure-normal',
  },
  {
    code: 'agriculture-thanh-phu',
    categoryCode: 'agriculture-resources',
    locality: 'thanh-phu',
    lead: 'dard',
    coordinating: ['donre', 'thanh-phu'],
    slaPolicyCode: null,
  },
  {
    code: 'agriculture-province',
    categoryCode: 'agriculture-resources',
    locality: null,
    lead: 'dard',
    coordinating: ['donre'],
    slaPolicyCode: null,
  },
  {
    code: 'propaganda-province',
    categoryCode: 'propaganda',
    locality: null,
    lead: 'propaganda-board',
    coordinating: [],
    slaPolicyCode: null,
  },
  {
    code: 'party-organization-province',
    categoryCode: 'party-organization',
    locality: null,
    lead: 'organization-board',
    coordinating: ['propaganda-board', 'mass-mobilization-board', 'internal-affairs-board'],
    slaPolicyCode: null,
  },
];

export interface UserSeed {
  username: string;
  displayName: string;
  role: Role;
  unit: string | null;
  follows: string[];
}

/** The demo accounts' password, printed by `npm run up`; change it before real use. */
export const DEMO_PASSWORD = 'ngk-demo-2026';
/** Demo mailboxes live under a reserved domain (RFC 2606): nothing is ever delivered there. */
export const DEMO_EMAIL_DOMAIN = 'ngk.example';

/** One demo account per role and acting unit; role names only, never real officials. */
export const DEMO_USERS: UserSeed[] = [
  {
    username: 'cadre.hoaloi',
    displayName: 'Cán bộ phụ trách xã Hòa Lợi',
    role: 'cadre',
    unit: null,
    follows: ['hoa-loi'],
  },
  {
    username: 'cadre.anthanh',
    displayName: 'Cán bộ phụ trách xã An Thạnh',
    role: 'cadre',
    unit: null,
    follows: ['an-thanh'],
  },
  {
    username: 'cadre.phongnam',
    displayName: 'Cán bộ phụ trách xã Phong Nẫm',
    role: 'cadre',
    unit: null,
    follows: ['phong-nam'],
  },
  {
    username: 'cadre.phule',
    displayName: 'Cán bộ phụ trách xã Phú Lễ',
    role: 'cadre',
    unit: null,
    follows: ['phu-le', 'binh-thanh'],
  },
  {
    username: 'officer.thanhphu',
    displayName: 'Chuyên viên UBND huyện Thạnh Phú',
    role: 'unit-officer',
    unit: 'thanh-phu',
    follows: [],
  },
  {
    username: 'head.thanhphu',
    displayName: 'Lãnh đạo UBND huyện Thạnh Phú',
    role: 'unit-head',
    unit: 'thanh-phu',
    follows: [],
  },
  {
    username: 'officer.dard',
    displayName: 'Chuyên viên Sở Nông nghiệp và PTNT',
    role: 'unit-officer',
    unit: 'dard',
    follows: [],
  },
  {
    username: 'head.dard',
    displayName: 'Lãnh đạo Sở Nông nghiệp và PTNT',
    role: 'unit-head',
    unit: 'dard',
    follows: [],
  },
  {
    username: 'officer.dot',
    displayName: 'Chuyên viên Sở Giao thông vận tải',
    role: 'unit-officer',
    unit: 'dot',
    follows: [],
  },
  {
    username: 'officer.dpi',
    displayName: 'Chuyên viên Sở Kế hoạch và Đầu tư',
    role: 'unit-officer',
    unit: 'dpi',
    follows: [],
  },
  {
    username: 'officer.donre',
    displayName: 'Chuyên viên Sở Tài nguyên và Môi trường',
    role: 'unit-officer',
    unit: 'donre',
    follows: [],
  },
  {
    username: 'officer.propaganda',
    displayName: 'Chuyên viên Ban Tuyên giáo Tỉnh ủy',
    role: 'unit-officer',
    unit: 'propaganda-board',
    follows: [],
  },
  {
    username: 'officer.organization',
    displayName: 'Chuyên viên Ban Tổ chức Tỉnh ủy',
    role: 'unit-officer',
    unit: 'organization-board',
    follows: [],
  },
  {
    username: 'head.organization',
    displayName: 'Lãnh đạo Ban Tổ chức Tỉnh ủy',
    role: 'unit-head',
    unit: 'organization-board',
    follows: [],
  },
  {
    username: 'head.ppc',
    displayName: 'Lãnh đạo Ủy ban nhân dân tỉnh',
    role: 'unit-head',
    unit: 'provincial-peoples-committee',
    follows: [],
  },
  {
    username: 'officer.partyoffice',
    displayName: 'Chuyên viên Văn phòng Tỉnh ủy (tiếp nhận)',
    role: 'unit-officer',
    unit: 'party-office',
    follows: [],
  },
  {
    username: 'member.standing',
    displayName: 'Ủy viên Ban Thường vụ Tỉnh ủy',
    role: 'standing-committee',
    unit: 'standing-committee',
    follows: [],
  },
  {
    username: 'viewer.leadership',
    displayName: 'Lãnh đạo Tỉnh ủy (theo dõi)',
    role: 'leadership-viewer',
    unit: null,
    follows: [],
  },
  { username: 'admin', displayName: 'Quản trị hệ thống', role: 'admin', unit: null, follows: [] },
];

/** One decision of a reorganization, by unit codes, as an admin would record it. */
export interface ReorganizationSeed {
  /** Stable key: the demo records each decision once, however often it starts. */
  key: string;
  decisionNo: string;
  decisionDate: string;
  effectiveDate: string;
  /** Units the decision ends and each one's successor; null when none is single (its items go to review). */
  units: { unit: string; successor: string | null }[];
  /** Commune mergers, old → new, as the CSV an admin uploads. */
  communes: { from: string; to: string }[];
}

/**
 * The 2025 reorganization as it reached the demo's units, in the order it took effect. Decision numbers
 * that could not be confirmed from public sources say so, as the illustrative commune names do.
 */
export const REORGANIZATIONS_2025: ReorganizationSeed[] = [
  {
    key: 'departments-2025',
    decisionNo: 'Sắp xếp các sở của tỉnh từ 01/03/2025 (số hiệu minh họa)',
    decisionDate: '2025-02-28',
    effectiveDate: DEPARTMENT_MERGER_DATE,
    units: [
      { unit: 'dard', successor: 'dae' },
      { unit: 'donre', successor: 'dae' },
      { unit: 'dot', successor: 'doc' },
      { unit: 'dpi', successor: 'dof' },
    ],
    communes: [],
  },
  {
    key: 'party-boards-2025',
    decisionNo: 'Hợp nhất Ban Tuyên giáo và Ban Dân vận Tỉnh ủy (số hiệu minh họa)',
    decisionDate: '2025-02-28',
    effectiveDate: DEPARTMENT_MERGER_DATE,
    units: [
      { unit: 'propaganda-board', successor: 'propaganda-mass-mobilization-board' },
      { unit: 'mass-mobilization-board', successor: 'propaganda-mass-mobilization-board' },
    ],
    communes: [],
  },
  {
    key: 'province-2025',
    decisionNo: 'Nghị quyết số 202/2025/QH15',
    decisionDate: '2025-06-12',
    effectiveDate: PROVINCE_MERGER_DATE,
    // District-level government ended: a district's work went to the communes and the province, so no
    // single successor can be named, and its open items wait in the review list for an admin.
    units: [
      { unit: 'ben-tre', successor: 'vinh-long' },
      { unit: 'thanh-phu', successor: null },
      { unit: 'giong-trom', successor: null },
      { unit: 'ba-tri', successor: null },
    ],
    communes: [],
  },
  {
    key: 'communes-2025',
    decisionNo: 'Sắp xếp đơn vị hành chính cấp xã của tỉnh Vĩnh Long năm 2025 (số hiệu minh họa)',
    decisionDate: '2025-06-16',
    effectiveDate: PROVINCE_MERGER_DATE,
    units: [],
    communes: [
      { from: 'hoa-loi', to: 'demo-commune-hoa-loi-an-thanh' },
      { from: 'an-thanh', to: 'demo-commune-hoa-loi-an-thanh' },
      { from: 'binh-thanh', to: 'demo-commune-binh-thanh-phong-nam' },
      { from: 'phong-nam', to: 'demo-commune-binh-thanh-phong-nam' },
      { from: 'phu-le', to: 'demo-commune-phu-le' },
    ],
  },
];
