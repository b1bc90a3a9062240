import { chineseDate } from '../common/index.ts';
import type { Dashboard } from './dashboard.ts';
import { html, page } from './html.ts';
import { overviewBody, unitsBody } from './pages/overview.ts';

/**
 * `status --html`: 总览 and 责任单位 as one self-contained HTML file to send round: CSS and charts inline,
 * no script, no link to anything; prints on A4 (each unit kept on one page where it fits).
 */
export function snapshotHtml(d: Dashboard): string {
  const district = d.data.project.district.name;
  return page({
    title: `${district}创建工作进展（${chineseDate(d.readiness.today)}）`,
    heading: `${district}${d.data.project.programme.title}创建工作进展`,
    nav: [],
    body: html`<h2>总览（${chineseDate(d.readiness.today)}）</h2>${overviewBody(d)}<h2 class="pagebreak">责任单位</h2>${unitsBody(d)}`,
  });
}
