import { DEMO_PASSWORD } from '@ngk/persistence';

/** The five recommendations of PRODUCT.md, with the demo cadre who raises each and its commune's code. */
export const DEMO_RECOMMENDATIONS = [
  {
    key: 'road26',
    cadre: 'cadre.hoaloi',
    commune: 'hoa-loi',
    body: {
      title: 'Nâng cấp, mở rộng đường 26 từ trung tâm xã Hòa Lợi ra đường huyện',
      situation:
        'Đường 26 hẹp và xuống cấp, ảnh hưởng đi lại và vận chuyển nông sản của người dân xã Hòa Lợi.',
      proposal:
        'Đầu tư nâng cấp, mở rộng đường 26 từ trung tâm xã Hòa Lợi đến đường huyện, khoảng 10 tỷ đồng.',
      categoryCode: 'infrastructure',
      costEstimateVnd: '10000000000',
    },
  },
  {
    key: 'wells418',
    cadre: 'cadre.anthanh',
    commune: 'an-thanh',
    body: {
      title: 'Cấm khoan giếng nước ngầm trong vùng dự án ngọt hóa 418',
      situation:
        'Hộ dân trong vùng dự án ngọt hóa 418 khoan giếng, bơm nước mặn ngoài đê vào nuôi tôm thẻ chân trắng.',
      proposal:
        'Rà soát Hướng dẫn 529 của Sở NN&PTNT và Công văn 3817 của UBND huyện Thạnh Phú; cấm khoan giếng.',
      categoryCode: 'agriculture-resources',
      legalReferences: ['529/HD-SNN', '3817/UBND-NN'],
    },
  },
  {
    key: 'propaganda',
    cadre: 'cadre.phongnam',
    commune: 'phong-nam',
    body: {
      title: 'Đổi mới công tác tuyên truyền theo ba trọng tâm',
      situation: 'Nội dung tuyên truyền chưa đến từng hộ; thiếu tuyên truyền viên miệng ở cơ sở.',
      proposal: 'Nội dung đến từng hộ, tập huấn tuyên truyền viên miệng, biên soạn sổ tay hỏi đáp ngắn gọn.',
      categoryCode: 'propaganda',
    },
  },
  {
    key: 'reportFormat',
    cadre: 'cadre.phongnam',
    commune: 'phong-nam',
    body: {
      title: 'Thống nhất nội dung báo cáo của cán bộ phụ trách xã',
      situation: 'Báo cáo của cán bộ sao chép báo cáo của xã, dài và ít thông tin.',
      proposal: 'Ban Tổ chức chủ trì, các ban đảng phối hợp thống nhất mẫu báo cáo tập trung vấn đề nổi lên.',
      categoryCode: 'party-organization',
    },
  },
  {
    key: 'quarterlyMeetings',
    cadre: 'cadre.phule',
    commune: 'phu-le',
    body: {
      title: 'Cán bộ hỗ trợ dự họp Đảng ủy xã mỗi quý và các kỳ sơ kết, tổng kết',
      situation: 'Cán bộ hỗ trợ chưa dự đều các cuộc họp của Đảng ủy xã Phú Lễ.',
      proposal:
        'Quy định cán bộ hỗ trợ dự họp Đảng ủy xã mỗi quý một lần và các kỳ sơ kết 6 tháng, tổng kết năm.',
      categoryCode: 'party-organization',
    },
  },
] as const;

export type DemoKey = (typeof DEMO_RECOMMENDATIONS)[number]['key'];

/**
 * Submits the article's five recommendations through the API, as their cadres would. Each carries a fixed
 * Idempotency-Key, so a second `up` finds them instead of adding more.
 */
export async function submitDemoRecommendations(
  base: string,
  log: (line: string) => void = () => {},
): Promise<Record<DemoKey, { id: string; title: string }>> {
  const submitted = {} as Record<DemoKey, { id: string; title: string }>;
  const units = (await (await fetch(`${base}/api/units?kind=commune`)).json()) as {
    id: string;
    code: string;
  }[];
  for (const demo of DEMO_RECOMMENDATIONS) {
    const localityUnitId = units.find((u) => u.code === demo.commune)?.id;
    const signIn = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: demo.cadre, password: DEMO_PASSWORD }),
    });
    if (!signIn.ok) throw new Error(`demo cadre ${demo.cadre} cannot sign in: ${signIn.status}`);
    const { accessToken } = (await signIn.json()) as { accessToken: string };
    const res = await fetch(`${base}/api/recommendations`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${accessToken}`,
        'idempotency-key': `demo-${demo.key}`,
      },
      body: JSON.stringify({ ...demo.body, localityUnitId }),
    });
    const body = (await res.json()) as {
      id: string;
      title: string;
      status: string;
      leadUnit?: { nameVi: string };
    };
    if (!res.ok)
      throw new Error(`demo recommendation "${demo.key}" refused: ${res.status} ${JSON.stringify(body)}`);
    log(`demo: ${body.title} → ${body.leadUnit?.nameVi ?? body.status}`);
    submitted[demo.key] = { id: body.id, title: body.title };
  }
  return submitted;
}
