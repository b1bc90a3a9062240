import type { Project } from '../model/index.ts';

/**
 * Whom the district writes to: its province's ecology department, which pre-reviews the application and
 * forwards it to 生态环境部 (the district never writes over its head). The province is the first two digits
 * of the 行政区划代码 (GB/T 2260).
 */
const PROVINCES: Readonly<Record<string, string>> = {
  '11': '北京市', '12': '天津市', '13': '河北省', '14': '山西省', '15': '内蒙古自治区',
  '21': '辽宁省', '22': '吉林省', '23': '黑龙江省',
  '31': '上海市', '32': '江苏省', '33': '浙江省', '34': '安徽省', '35': '福建省', '36': '江西省', '37': '山东省',
  '41': '河南省', '42': '湖北省', '43': '湖南省', '44': '广东省', '45': '广西壮族自治区', '46': '海南省',
  '50': '重庆市', '51': '四川省', '52': '贵州省', '53': '云南省', '54': '西藏自治区',
  '61': '陕西省', '62': '甘肃省', '63': '青海省', '64': '宁夏回族自治区', '65': '新疆维吾尔自治区',
};

/** 37xxxx → 山东省; undefined for a code of no province (000000, the placeholder). */
export function provinceOf(code: string): string | undefined {
  return PROVINCES[code.slice(0, 2)];
}

/** 山东省生态环境厅, 内蒙古自治区生态环境厅; a 直辖市's is a 局: 北京市生态环境局. */
export function provincialEcologyDepartment(code: string): string | undefined {
  const province = provinceOf(code);
  if (!province) return undefined;
  return `${province}生态环境${province.endsWith('市') ? '局' : '厅'}`;
}

/**
 * The 主送机关 of every document of the bundle (请示, report, response documents): application.recipient,
 * else programme.recipient, else the province's ecology department; undefined while the 行政区划代码 names
 * no province and project.yaml names none.
 */
export function recipientOf(project: Pick<Project, 'district' | 'programme' | 'application'>): string | undefined {
  return project.application?.recipient ?? project.programme.recipient ?? provincialEcologyDepartment(project.district.code);
}
