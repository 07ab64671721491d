import { randomUUID } from 'node:crypto';
import type { Client } from 'pg';
import { recommendationWorkflowId } from '@ngk/temporal';

/**
 * Synthetic recommendations for bulk loads: a province of about 110 communes, items submitted over
 * nearly three years, routed by category as the routing rules would, most of them closed by now and a
 * few open, overdue or escalated. Deterministic for a given seed (ids aside).
 */

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const VIETNAM = 7 * HOUR;

/** First and last day of submission (Vietnam time), and the instant the statuses describe. */
export const DATA_FIRST_DAY = '2024-01-01';
export const DATA_LAST_DAY = '2026-11-28';
const FIRST = Date.parse(`${DATA_FIRST_DAY}T00:00:00+07:00`);
const DAYS = Math.round((Date.parse(`${DATA_LAST_DAY}T00:00:00+07:00`) - FIRST) / DAY) + 1;
const AS_OF = FIRST + DAYS * DAY;

/** Districts the seed lacks, each given communes until every district has COMMUNES_PER_DISTRICT. */
const EXTRA_DISTRICTS = [
  { code: 'chau-thanh', name: 'Châu Thành' },
  { code: 'cho-lach', name: 'Chợ Lách' },
  { code: 'mo-cay-nam', name: 'Mỏ Cày Nam' },
  { code: 'mo-cay-bac', name: 'Mỏ Cày Bắc' },
  { code: 'binh-dai', name: 'Bình Đại' },
  { code: 'ben-tre-city', name: 'Bến Tre', city: true },
];
const COMMUNES_PER_DISTRICT = 12;
const NAME_HEADS = [
  'An',
  'Tân',
  'Phú',
  'Bình',
  'Long',
  'Mỹ',
  'Thạnh',
  'Hòa',
  'Phước',
  'Hưng',
  'Vĩnh',
  'Thới',
];
const NAME_TAILS = ['Hiệp', 'Lợi', 'Thuận', 'Đông', 'Tây', 'Khánh', 'Định', 'Xuân', 'Nhơn', 'Quới', 'Điền'];

const CATEGORY_WEIGHTS: [string, number][] = [
  ['infrastructure', 30],
  ['agriculture-resources', 25],
  ['social', 20],
  ['party-organization', 13],
  ['propaganda', 12],
];

/** Lead units by category, as routing rules and the triage office would choose them. */
const LEADS_BY_CATEGORY: Record<string, [string, number][]> = {
  infrastructure: [
    ['dot', 70],
    ['dpi', 20],
    ['doit', 10],
  ],
  'agriculture-resources': [
    ['dard', 65],
    ['donre', 30],
    ['doit', 5],
  ],
  social: [
    ['mass-mobilization-board', 40],
    ['doit', 25],
    ['dpi', 20],
    ['internal-affairs-board', 15],
  ],
  'party-organization': [
    ['organization-board', 80],
    ['internal-affairs-board', 20],
  ],
  propaganda: [
    ['propaganda-board', 85],
    ['mass-mobilization-board', 15],
  ],
};
/** Share of items the triage office routes by hand, to any department or board. */
const HAND_ROUTED = 0.08;
const LEAD_UNITS = [
  'dard',
  'doit',
  'dot',
  'dpi',
  'donre',
  'organization-board',
  'propaganda-board',
  'mass-mobilization-board',
  'internal-affairs-board',
];

const TEXTS: Record<string, { titles: string[]; situations: string[]; proposals: string[] }> = {
  infrastructure: {
    titles: [
      'Sửa chữa đường liên ấp xuống cấp',
      'Nâng cấp cầu giao thông nông thôn',
      'Lắp đèn chiếu sáng tuyến đường',
    ],
    situations: [
      'Mặt đường bong tróc nhiều đoạn, mùa mưa ngập sâu, người dân và học sinh đi lại khó khăn.',
      'Cầu cũ yếu, xe tải nhẹ không qua được, nông sản phải chuyển tải bằng xuồng.',
    ],
    proposals: ['Đề nghị bố trí vốn duy tu trong năm.', 'Đề nghị khảo sát và đưa vào kế hoạch đầu tư công.'],
  },
  'agriculture-resources': {
    titles: [
      'Hỗ trợ giống lúa chịu mặn',
      'Nạo vét kênh thủy lợi nội đồng',
      'Xử lý ô nhiễm từ trại chăn nuôi',
    ],
    situations: [
      'Xâm nhập mặn sớm, nhiều hộ mất vụ đông xuân, thiếu giống để gieo sạ lại.',
      'Kênh bồi lắng, nước không vào được ruộng vào mùa khô, sản xuất bị ảnh hưởng.',
    ],
    proposals: ['Đề nghị hỗ trợ giống và hướng dẫn kỹ thuật.', 'Đề nghị kiểm tra, xử lý dứt điểm.'],
  },
  social: {
    titles: [
      'Hỗ trợ hộ nghèo sửa chữa nhà ở',
      'Trợ cấp học sinh có hoàn cảnh khó khăn',
      'Cấp thẻ bảo hiểm y tế chậm',
    ],
    situations: [
      'Nhiều hộ thuộc diện chính sách chưa nhận được hỗ trợ theo quy định.',
      'Người dân phản ánh thủ tục kéo dài, phải đi lại nhiều lần.',
    ],
    proposals: ['Đề nghị rà soát danh sách và chi trả kịp thời.', 'Đề nghị đơn giản hóa thủ tục.'],
  },
  'party-organization': {
    titles: [
      'Kiện toàn chi bộ ấp',
      'Bồi dưỡng cán bộ cơ sở',
      'Phát triển đảng viên trong đoàn viên thanh niên',
    ],
    situations: [
      'Chi bộ thiếu cấp ủy viên sau khi sắp xếp, sinh hoạt chưa đều.',
      'Cán bộ mới chưa được tập huấn nghiệp vụ, lúng túng khi giải quyết công việc.',
    ],
    proposals: ['Đề nghị chỉ đạo kiện toàn trong quý.', 'Đề nghị mở lớp bồi dưỡng tại chỗ.'],
  },
  propaganda: {
    titles: [
      'Tuyên truyền phòng chống lừa đảo qua mạng',
      'Phổ biến chính sách đất đai mới',
      'Tuyên truyền an toàn giao thông',
    ],
    situations: [
      'Nhiều người dân, nhất là người cao tuổi, bị lừa qua điện thoại và mạng xã hội.',
      'Người dân chưa nắm quy định mới, nhiều thắc mắc chưa được giải đáp.',
    ],
    proposals: [
      'Đề nghị biên soạn tài liệu ngắn, phát trên loa truyền thanh.',
      'Đề nghị tổ chức đối thoại tại ấp.',
    ],
  },
};

const STUCK_STATUSES: [string, number][] = [
  ['in-progress', 20],
  ['awaiting-info', 30],
  ['planned', 30],
  ['standing-committee-review', 20],
];

export const COPY_COLUMNS = [
  'id',
  'workflow_id',
  'title',
  'situation',
  'proposal',
  'category_code',
  'locality_unit_id',
  'urgency',
  'submitted_by',
  'status',
  'lead_unit_id',
  'sla_policy_code',
  'acknowledge_due_at',
  'resolution_due_at',
  'overdue',
  'escalation_level',
  'max_escalation_level',
  'acknowledged_at',
  'resolved_at',
  'resolved_on_time',
  'closed_at',
  'last_event_seq',
  'created_at',
  'updated_at',
] as const;

/** A small, fast, seedable PRNG (mulberry32). */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function picker<T>(rand: () => number, weighted: [T, number][]): () => T {
  const total = weighted.reduce((sum, [, w]) => sum + w, 0);
  return () => {
    let r = rand() * total;
    for (const [value, w] of weighted) if ((r -= w) < 0) return value;
    return weighted[weighted.length - 1][0];
  };
}

function slug(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/\s+/g, '-');
}

/**
 * Adds the districts and communes of a whole province (about 110 communes) to the seeded units, in SQL.
 * Returns how many communes there are now.
 */
export async function addProvinceUnits(client: Client): Promise<number> {
  const { rows: existing } = await client.query<{ code: string; kind: string; id: string; parent: string }>(
    `SELECT code, kind, id, parent_id AS parent FROM units WHERE kind IN ('district', 'commune', 'province')`,
  );
  const province = existing.find((u) => u.kind === 'province')!.id;
  const supervisor = (
    await client.query<{ id: string }>(`SELECT id FROM units WHERE code = 'provincial-peoples-committee'`)
  ).rows[0].id;
  const codes = new Set(existing.map((u) => u.code));
  const nameQueue = NAME_HEADS.flatMap((head) => NAME_TAILS.map((tail) => `${head} ${tail}`));
  let next = 0;
  const districts = existing.filter((u) => u.kind === 'district').map((u) => ({ id: u.id, code: u.code }));
  for (const d of EXTRA_DISTRICTS) {
    const kindVi = d.city ? 'thành phố' : 'huyện';
    const { rows } = await client.query<{ id: string }>(
      `INSERT INTO units (code, kind, name_vi, name_en, parent_id, supervisor_id, head_title, valid_from)
       VALUES ($1, 'district', $2, $3, $4, $5, $6, '2020-01-01') RETURNING id`,
      [
        d.code,
        `UBND ${kindVi} ${d.name}`,
        `${d.name} ${d.city ? 'City' : 'District'} People's Committee`,
        province,
        supervisor,
        `Chủ tịch UBND ${kindVi}`,
      ],
    );
    districts.push({ id: rows[0].id, code: d.code });
  }
  for (const district of districts) {
    const have = existing.filter((u) => u.kind === 'commune' && u.parent === district.id).length;
    for (let i = have; i < COMMUNES_PER_DISTRICT; i++) {
      let name = nameQueue[next++];
      while (codes.has(slug(name))) name = nameQueue[next++];
      codes.add(slug(name));
      await client.query(
        `INSERT INTO units (code, kind, name_vi, name_en, parent_id, head_title, valid_from)
         VALUES ($1, 'commune', $2, $3, $4, 'Chủ tịch UBND xã', '2025-07-01')`,
        [slug(name), `Xã ${name}`, `${name} Commune`, district.id],
      );
    }
  }
  const { rows } = await client.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM units WHERE kind = 'commune'`,
  );
  return rows[0].n;
}

export interface Province {
  communes: { id: string; name: string }[];
  leads: Map<string, string>;
  cadres: string[];
}

export async function readProvince(client: Client): Promise<Province> {
  const communes = (
    await client.query<{ id: string; name: string }>(
      `SELECT id, name_vi AS name FROM units WHERE kind = 'commune' ORDER BY code`,
    )
  ).rows;
  const leads = new Map(
    (
      await client.query<{ code: string; id: string }>(`SELECT code, id FROM units WHERE code = ANY($1)`, [
        LEAD_UNITS,
      ])
    ).rows.map((u) => [u.code, u.id]),
  );
  const cadres = (
    await client.query<{ id: string }>(`SELECT id FROM users WHERE role = 'cadre' ORDER BY username`)
  ).rows.map((u) => u.id);
  return { communes, leads, cadres };
}

/**
 * COPY text-format rows of recommendations, `batch` rows a chunk, `count` in all. Calls `progress` with
 * the rows produced so far after each chunk.
 */
export async function* recommendationRows(
  province: Province,
  rand: () => number,
  count: number,
  progress: (done: number) => void,
  batch = 2000,
): AsyncGenerator<string> {
  const row = rowMaker(province, rand);
  for (let done = 0; done < count;) {
    const n = Math.min(batch, count - done);
    let chunk = '';
    for (let i = 0; i < n; i++) chunk += row();
    done += n;
    yield chunk;
    progress(done);
  }
}

function rowMaker(province: Province, rand: () => number): () => string {
  const category = picker(rand, CATEGORY_WEIGHTS);
  // Communes differ in size: a few submit far more than most.
  const commune = picker(
    rand,
    province.communes.map((c, i): [{ id: string; name: string }, number] => [
      c,
      1 / (1 + ((i * 37) % province.communes.length) / 15),
    ]),
  );
  const leadFor = Object.fromEntries(
    Object.entries(LEADS_BY_CATEGORY).map(([code, leads]) => [
      code,
      picker(
        rand,
        leads.map(([unit, w]): [string, number] => [province.leads.get(unit)!, w]),
      ),
    ]),
  );
  const anyLead = () => province.leads.get(LEAD_UNITS[Math.floor(rand() * LEAD_UNITS.length)])!;
  const stuckStatus = picker(rand, STUCK_STATUSES);
  const pick = <T>(list: T[]) => list[Math.floor(rand() * list.length)];
  const normal = () => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
  const logNormal = (median: number, sigma: number) => median * Math.exp(sigma * normal());
  const iso = (t: number | null) => (t === null ? '\\N' : new Date(t).toISOString());
  // Submissions grow over the years (half again as many at the end as at the start).
  const growth = 0.5;
  const submissionDay = () => {
    const u = rand();
    const t = (-1 + Math.sqrt(1 + 2 * growth * u * (1 + growth / 2))) / growth;
    let day = Math.min(DAYS - 1, Math.floor(t * DAYS));
    const weekday = new Date(FIRST + day * DAY + VIETNAM).getUTCDay();
    // Most weekend submissions move to the nearest working day.
    if ((weekday === 0 || weekday === 6) && rand() < 0.7) day = weekday === 6 ? day - 1 : day + 1;
    return Math.max(0, Math.min(DAYS - 1, day));
  };

  return () => {
    const categoryCode = category();
    const text = TEXTS[categoryCode];
    const place = commune();
    const urgent = rand() < 0.08;
    const created = FIRST + submissionDay() * DAY + 7.5 * HOUR + Math.floor(rand() * 9.5 * HOUR);
    const resolutionDays = categoryCode === 'infrastructure' && !urgent ? 20 : urgent ? 5 : 15;
    // Working days, roughly, in calendar time.
    const acknowledgeDue = created + (urgent ? 1 : 2) * 1.4 * DAY;
    const resolutionDue = created + resolutionDays * 1.4 * DAY;
    const routedAt = created + -Math.log(1 - rand()) * (categoryCode === 'social' ? 12 : 3) * HOUR;
    const acknowledgedAt = routedAt + logNormal(16 * HOUR, 0.9);
    const resolvedAt = acknowledgedAt + logNormal(0.55 * (resolutionDue - created), 0.55);
    const closedAt = resolvedAt + logNormal(4 * DAY, 0.5);
    const stuck = rand() < 0.015;

    let status: string;
    let lead: string | null = rand() < HAND_ROUTED ? anyLead() : leadFor[categoryCode]();
    let events: number;
    if (AS_OF < routedAt) {
      status = AS_OF - created < HOUR ? 'submitted' : 'triage';
      lead = null;
      events = 1;
    } else if (AS_OF < acknowledgedAt) {
      status = 'routed';
      events = 3;
    } else if (stuck || AS_OF < resolvedAt) {
      status = stuck ? stuckStatus() : rand() < 0.1 ? 'awaiting-info' : 'in-progress';
      events = 4 + Math.floor(rand() * 4);
    } else if (AS_OF < resolvedAt + DAY) {
      status = 'resolved';
      events = 6;
    } else if (AS_OF < closedAt) {
      status = 'awaiting-verification';
      events = 7;
    } else {
      status = 'closed';
      events = 8 + Math.floor(rand() * 3);
    }
    const acknowledged = AS_OF >= acknowledgedAt;
    const resolved = ['resolved', 'awaiting-verification', 'closed'].includes(status);
    const open = !resolved;
    const clocked = open && status !== 'planned';
    const overdue = clocked && (AS_OF > resolutionDue || (!acknowledged && AS_OF > acknowledgeDue));
    // Escalation follows a breach by the grace period (5 days), and again 10 days later.
    const lateness = (resolved ? resolvedAt : clocked ? AS_OF : resolutionDue) - resolutionDue;
    let maxLevel = lateness > 15 * DAY ? 2 : lateness > 5 * DAY ? 1 : 0;
    if (status === 'standing-committee-review') maxLevel = 2;
    const updated = Math.min(
      AS_OF,
      status === 'closed' ? closedAt : resolved ? resolvedAt : acknowledged ? acknowledgedAt : routedAt,
    );
    const id = randomUUID();
    return (
      [
        id,
        recommendationWorkflowId(id),
        `${pick(text.titles)} tại ấp ${1 + Math.floor(rand() * 9)}, ${place.name}`,
        pick(text.situations),
        pick(text.proposals),
        categoryCode,
        place.id,
        urgent ? 'urgent' : 'normal',
        pick(province.cadres),
        status,
        lead ?? '\\N',
        categoryCode === 'infrastructure' && !urgent
          ? 'infrastructure-normal'
          : urgent
            ? 'default-urgent'
            : 'default-normal',
        iso(acknowledgeDue),
        iso(resolutionDue),
        overdue ? 't' : 'f',
        open ? maxLevel : 0,
        maxLevel,
        iso(acknowledged ? acknowledgedAt : null),
        iso(resolved ? resolvedAt : null),
        resolved ? (resolvedAt <= resolutionDue ? 't' : 'f') : '\\N',
        iso(status === 'closed' ? closedAt : null),
        events,
        iso(created),
        iso(updated),
      ].join('\t') + '\n'
    );
  };
}
