import type { Outcome } from '@ngk/domain';

/** A response template as the demo seeds it. */
export interface ResponseTemplateSeed {
  name: string;
  outcome: Outcome;
  /** Null: every category. */
  categoryCode: string | null;
  body: string;
}

/**
 * A few response templates for the demo, one per outcome and two for the article's own cases (a road
 * in the investment plan, groundwater wells checked on site); brackets mark what the unit fills in.
 */
export const DEMO_RESPONSE_TEMPLATES: readonly ResponseTemplateSeed[] = [
  {
    name: 'Đã thực hiện xong',
    outcome: 'implemented',
    categoryCode: null,
    body: 'Đơn vị đã thực hiện xong nội dung kiến nghị: [việc đã làm], hoàn thành ngày [ngày/tháng/năm]. Đề nghị đồng chí kiểm tra và phản hồi.',
  },
  {
    name: 'Đã kiểm tra thực địa, xử lý vi phạm',
    outcome: 'implemented',
    categoryCode: 'agriculture-resources',
    body: 'Đơn vị đã phối hợp với UBND huyện kiểm tra thực địa ngày [ngày/tháng/năm], lập biên bản và xử lý [số] trường hợp vi phạm; tiếp tục kiểm tra định kỳ mỗi quý.',
  },
  {
    name: 'Đưa vào kế hoạch đầu tư công',
    outcome: 'planned',
    categoryCode: 'infrastructure',
    body: 'Đơn vị tiếp thu kiến nghị. Công trình được đưa vào kế hoạch đầu tư công năm [năm], dự kiến khởi công [tháng/năm], kinh phí dự kiến [số tiền] đồng.',
  },
  {
    name: 'Tiếp thu phần phù hợp',
    outcome: 'partly-accepted',
    categoryCode: null,
    body: 'Đơn vị tiếp thu phần [nội dung tiếp thu]. Phần [nội dung chưa tiếp thu] chưa thực hiện được vì [lý do]; đơn vị sẽ xem xét lại khi [điều kiện].',
  },
  {
    name: 'Chưa phù hợp quy định',
    outcome: 'not-accepted',
    categoryCode: null,
    body: 'Đơn vị chưa tiếp thu kiến nghị vì nội dung chưa phù hợp với [văn bản quy định]. Đề nghị đồng chí hướng dẫn xã [hướng xử lý].',
  },
  {
    name: 'Chuyển cơ quan có thẩm quyền',
    outcome: 'referred',
    categoryCode: null,
    body: 'Nội dung kiến nghị thuộc thẩm quyền của [cơ quan]. Đơn vị đã chuyển hồ sơ theo văn bản số [số/ký hiệu] ngày [ngày/tháng/năm].',
  },
];
