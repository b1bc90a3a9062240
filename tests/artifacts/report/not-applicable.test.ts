import { describe, expect, it } from 'vitest';
import { summarize } from '../../../src/artifacts/report/context.ts';
import { taskBreakdownTable } from '../../../src/artifacts/report/tables.ts';
import type { Verdict } from '../../../src/judge/index.ts';
import { indicator } from '../../judge/seed-indicators.ts';

const v = (no: number, verdict: Verdict['verdict'], reason = ''): Verdict => ({ no, verdict, reason, currentText: '', evidenceCount: 1, subs: [] });

describe('the report with an indicator marked 不涉及', () => {
  it('counts without it and names it with its reason', () => {
    const a = indicator(1, '甲', '%', '≥20');
    const b = { ...indicator(2, '黑臭水体消除比例', '%', '100'), notApplicable: '本区无黑臭水体' };
    const c = { ...indicator(3, '丙', '%', '≥20'), attribute: '参考性' as const };
    const s = summarize([{ indicator: a, verdict: v(1, '达标') }, { indicator: b, verdict: v(2, '不涉及', '不涉及：本区无黑臭水体') }, { indicator: c, verdict: v(3, '未达标') }]);
    expect(s.overview).toBe('3项指标中，第2项黑臭水体消除比例不涉及（本区无黑臭水体），不参加判定；其余1项约束性指标达标1项，1项参考性指标达标0项');
    expect(s.binding).toEqual({ total: 1, met: 1 });
  });

  it('附件1 keeps the row and writes 不涉及 with the reason in 备注', () => {
    const b = { ...indicator(2, '水环境质量', '%', '100', { subIndicators: [{ no: 1, name: '甲' }, { no: 2, name: '黑臭水体消除比例', notApplicable: '本区无黑臭水体' }] }) };
    const table = taskBreakdownTable([b]);
    expect(table.rows[0]!.cells.at(-1)!.lines).toEqual(['②不涉及：本区无黑臭水体']);
  });
});
