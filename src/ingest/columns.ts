// SPEC §2.1–§2.3 and §2.5: the columns of each input kind, their Chinese aliases and which are
// required; header matching per §2 (case, spaces, width, BOM and a trailing `*` ignored). A missing
// required column, or two headers naming one column, stops the file.

import { normaliseHeader } from '../core/normalise/text.js';
import { maskIdNumbersIn } from '../core/normalise/id-number.js';
import { DataError } from '../core/errors.js';

export type InputKind = 'roster' | 'certificates' | 'institutions' | 'list';
export const INPUT_KINDS: readonly InputKind[] = ['roster', 'certificates', 'institutions', 'list'];

export interface ColumnSpec {
  name: string;
  aliases: readonly string[];
  required: boolean;
}

const col = (name: string, required: boolean, ...aliases: string[]): ColumnSpec => ({ name, aliases, required });
const ID_ALIASES = ['身份证号', '身份证号码', '公民身份号码', '证件号码'];

export const COLUMNS: Record<InputKind, readonly ColumnSpec[]> = {
  roster: [
    col('class_id', true, '班级编号', '培训班编号', '班级号'),
    col('institution_name', true, '培训机构', '培训机构名称', '机构名称'),
    col('institution_code', true, '机构代码', '统一社会信用代码', '机构统一社会信用代码'),
    col('training_type', true, '培训类型'),
    col('project_based', false, '是否项目制', '项目制'),
    col('occupation_code', false, '职业编码', '职业代码'),
    col('occupation_name', true, '职业', '工种', '职业(工种)', '培训工种', '培训职业'),
    col('level', false, '等级', '培训等级', '技能等级'),
    col('start_date', true, '开班日期', '开始日期', '培训开始日期'),
    col('end_date', true, '结业日期', '结束日期', '培训结束日期'),
    col('hours', false, '课时', '学时', '培训课时'),
    col('attendance', false, '出勤率'),
    col('name', true, '姓名', '学员姓名'),
    col('id_number', true, ...ID_ALIASES),
    col('phone', false, '联系电话', '手机号', '手机号码', '电话'),
    col('categories', true, '人员类别', '学员类别', '类别'),
    col('household', false, '户籍性质', '户口性质'),
    col('employer_name', false, '工作单位', '就业单位', '企业名称', '用人单位'),
    col('employer_code', false, '单位代码', '单位统一社会信用代码', '企业统一社会信用代码'),
    col('insured', false, '是否参保', '参保'),
    col('months', false, '月数', '以工代训月数'),
    col('claimed_amount', false, '申请金额', '申报金额', '申请补贴金额'),
  ],
  certificates: [
    col('cert_number', true, '证书编号', '证书号'),
    col('cert_type', true, '证书类型', '证书种类'),
    col('name', true, '姓名', '持证人'),
    col('id_number', true, ...ID_ALIASES),
    col('occupation_code', false, '职业编码', '职业代码'),
    col('occupation_name', true, '职业', '工种', '职业(工种)', '证书职业', '项目名称'),
    col('level', false, '等级', '证书等级', '技能等级'),
    col('issue_date', true, '发证日期', '颁证日期', '取证日期'),
    col('issuer', false, '发证机构', '颁证机构', '评价机构'),
  ],
  institutions: [
    col('institution_code', true, '统一社会信用代码', '机构代码'),
    col('institution_name', true, '机构名称'),
    col('valid_from', false, '有效期起', '起始日期'),
    col('valid_to', false, '有效期止', '截止日期'),
  ],
  // §2.5: names like AAC002 are the field codes social-insurance systems export as headers
  // (AAE030/AAE031 开始/终止日期 besides §2.5's own).
  list: [
    col('id_number', true, ...ID_ALIASES, 'AAC002'),
    col('name', false, '姓名', 'AAC003'),
    col('from', true, '起始日期', '开始日期', '离退休日期', '退休日期', '待遇开始日期', '入学日期', '死亡日期', '参保日期',
      '缴费起始年月', '起始年月', '所属年月', '缴费年月', 'AAE002', 'AAE003', 'AAE030'),
    col('to', false, '终止日期', '截止日期', '毕业日期', '离校日期', '缴费终止年月', '终止年月', 'AAE031'),
    col('employer_code', false, '单位代码', '单位统一社会信用代码', '统一社会信用代码'),
    col('employer_name', false, '单位名称', '工作单位', '参保单位', 'AAB004'),
  ],
};

export interface HeaderMap {
  /** Column name → index in the record, for the columns present. */
  index: Record<string, number>;
  /** Column name → the header as written in the file (for messages). */
  header: Record<string, string>;
  unknown: string[];
}

export function mapHeader(kind: InputKind, headers: string[], file: string): HeaderMap {
  return mapColumns(COLUMNS[kind], kind, headers, file);
}

/** mapHeader for any table of columns (kind names it in messages). */
export function mapColumns(specs: readonly ColumnSpec[], kind: string, headers: string[], file: string): HeaderMap {
  const byAlias = new Map<string, string>();
  for (const spec of specs) {
    for (const alias of [spec.name, ...spec.aliases]) byAlias.set(normaliseHeader(alias), spec.name);
  }
  const map: HeaderMap = { index: {}, header: {}, unknown: [] };
  const written = (raw: string) => raw.trim().replace(/^\ufeff/, '');
  headers.forEach((raw, i) => {
    const name = byAlias.get(normaliseHeader(raw));
    if (name === undefined) {
      if (raw.trim() !== '') map.unknown.push(raw.trim());
    } else if (!(name in map.index)) {
      map.index[name] = i;
      map.header[name] = written(raw);
    } else {
      // Which of the two holds the values is a guess the tool does not make.
      throw new DataError('duplicate_columns', {
        file, column: name, first: map.header[name], firstPosition: map.index[name] + 1, second: written(raw), secondPosition: i + 1,
      });
    }
  });
  const missing = specs.filter((c) => c.required && !(c.name in map.index));
  // Not one known name: most likely a file without its header row, whose first line is a person's
  // row (name, phone, ID number): it is not echoed (personal data stays off the terminal).
  if (missing.length > 0 && Object.keys(map.index).length === 0 && headers.some((h) => h.trim() !== '')) {
    throw new DataError('no_header_row', { file, kind, count: headers.length });
  }
  if (missing.length > 0) {
    throw new DataError('missing_columns', {
      file,
      kind,
      missing: missing.map((c) => `${c.name} (${c.aliases.join('/')})`).join(', '),
      // A file without its header row shows a data row here: no full ID number in the message.
      found: headers.map((h) => maskIdNumbersIn(written(h))).join(', '),
    });
  }
  return map;
}

/**
 * `flags resolve --from FILE` (issue #20 item 7): the verdict sheet's columns. The headers of
 * `flags --out` are among the aliases, so a flags workbook with its verdict columns filled in is
 * a verdict sheet.
 */
export const VERDICT_COLUMNS: readonly ColumnSpec[] = [
  col('flag_id', true, '疑点编号', '疑点'),
  col('verdict', true, '核查结论', '结论'),
  col('note', true, 'verdict_note', '核查说明', '备注'),
];
