// Output column headers in both languages (SPEC §1: --lang sets CSV and table headers; JSON
// keys stay the English identifiers), and what each column holds: amounts, numbers, and the
// enums and codes whose values the renderers label in the chosen language (cli/labels.ts).

import type { Column } from './render/output.js';
import type { LabelKind } from './labels.js';
import type { CellType } from './render/xlsx.js';
import type { Lang } from './messages.js';

const ZH: Record<string, string> = {
  claim_id: '申请编号', class_id: '班级编号', institution_code: '机构代码', institution_name: '培训机构', training_type: '培训类型',
  project_based: '项目制', name: '姓名', id_number: '身份证号码', sex: '性别', birth_date: '出生日期', categories: '人员类别',
  occupation_code: '职业编码', occupation_name: '职业(工种)', level: '等级', start_date: '开班日期', end_date: '结业日期',
  cert_number: '证书编号', cert_type: '证书类型', cert_issue_date: '发证日期', decision: '审核结果', reasons: '原因', flags: '疑点',
  kind: '补贴类别', payee_type: '收款方类型', payee_name: '收款方', payee_code: '收款方代码', fund: '资金渠道', main_subsidy: '补贴金额',
  living_allowance: '生活费补贴', total: '合计', advance: '预拨', balance: '清算', claimed_amount: '申请金额', source: '来源',
  claims: '人次', flag_id: '疑点编号', rule: '规则', severity: '严重程度', subject_type: '对象类型', subject: '对象',
  class_ids: '班级', cert_numbers: '证书编号', claim_ids: '申请编号', detail: '说明', sources: '来源', phone: '联系电话',
  verdict: '核查结论', verdict_note: '核查说明', verdict_by: '核查人', verdict_at: '核查时间', component: '补贴项目',
  // SPEC §10: the disbursement ledger (拨付台账)
  batch: '拨付批次', date: '拨付日期', run: '审核运行', type: '类型', amount: '金额', payments: '拨付', recoveries: '追回', net: '净拨付',
  disbursed: '已拨付', due_now: '现应拨付', difference: '差额',
  // SPEC §8.8: the institutions' and issuers' scorecards
  in_catalogue: '在目录内', classes: '班级数', trainees: '学员数', approved: '通过', partial: '部分通过', rejected: '不予补贴', pending: '待定',
  review: '暂缓待核', pass_rate: '取证率', paid_total: '补贴合计', flags_high: '高风险疑点', flags_medium: '中风险疑点', flags_low: '低风险疑点',
  listed_trainees: '名单比对人数', first_start: '最早开班', last_end: '最晚结业', issuer: '发证机构', certificates: '证书数', holders: '持证人数',
  first_issue: '最早发证', last_issue: '最晚发证', peak_month: '发证高峰月', peak_count: '高峰月发证数', funding_paid_claims: '补贴申请数',
  burst_months: '突击发证月份',
  // person: which version of a key a row is (replaced by a later import, or its file withdrawn)
  version: '版本',
};
/** Amounts the tool computed (yuan with two decimals): numbers in CSV and XLSX (SPEC §9). */
const MONEY = new Set([
  'main_subsidy', 'living_allowance', 'total', 'advance', 'balance', 'claimed_amount',
  'amount', 'payments', 'recoveries', 'net', 'disbursed', 'due_now', 'difference', 'paid_total',
]);
const NUMERIC = new Set([
  ...MONEY, 'claims', 'level', 'batch', 'run', 'classes', 'trainees', 'approved', 'partial', 'rejected', 'pending', 'review', 'pass_rate',
  'flags_high', 'flags_medium', 'flags_low', 'listed_trainees', 'certificates', 'holders', 'peak_count', 'funding_paid_claims',
]);

/** Columns holding an enum or codes, by what they hold: one place, whatever command lists them. */
const LABELLED: Record<string, LabelKind> = {
  training_type: 'training_type', categories: 'categories', cert_type: 'cert_type', household: 'household',
  decision: 'decision', kind: 'kind', payee_type: 'payee_type', fund: 'fund', sex: 'sex', component: 'component',
  subject_type: 'subject_type', severity: 'severity', verdict: 'verdict', type: 'ledger_type', version: 'version',
  project_based: 'boolean', in_catalogue: 'boolean',
  reasons: 'codes', rule: 'codes', flags: 'flag_ids', sources: 'sources',
  verdict_at: 'time',
};

/** Dates (`YYYY-MM-DD`): date cells in a workbook. */
const DATES = new Set([
  'birth_date', 'start_date', 'end_date', 'cert_issue_date', 'date', 'issue_date', 'valid_from', 'valid_to',
  'first_start', 'last_end', 'first_issue', 'last_issue',
]);
/** Ratios (0.98): shown as percentages in a workbook. */
const PERCENT = new Set(['pass_rate', 'attendance', 'high_skilled_share', 'progress']);
/** ID numbers, codes and keys from the input: text cells, so that a spreadsheet never makes numbers of them (SPEC §9). */
const IDS = new Set([
  'id_number', 'claim_id', 'class_id', 'institution_code', 'payee_code', 'employer_code', 'cert_number', 'cert_numbers',
  'occupation_code', 'phone', 'flag_id', 'subject', 'class_ids', 'claim_ids',
]);
/** What a total row adds up (payments' 合计). */
const SUMMED = new Set([...MONEY, 'claims']);

function cellType(key: string): CellType | undefined {
  if (MONEY.has(key)) return 'money';
  if (PERCENT.has(key)) return 'percent';
  if (NUMERIC.has(key)) return 'number';
  if (DATES.has(key)) return 'date';
  if (IDS.has(key)) return 'id';
  return undefined;
}

export function columns(keys: readonly string[]): Column[] {
  return keys.map((key) => ({
    key, en: key, zh: ZH[key] ?? key, numeric: NUMERIC.has(key), money: MONEY.has(key), label: LABELLED[key], type: cellType(key), summed: SUMMED.has(key),
  }));
}

/** Whether a list holds ID numbers (a CSV of it opened in Excel needs care: README "Opening outputs in Excel"). */
export function holdsIdNumbers(cols: readonly Column[]): boolean {
  return cols.some((c) => c.key === 'id_number' || c.key === 'payee_code' || c.key === 'claim_id');
}

/** Workbook sheet names under zh. */
const SHEETS_ZH: Record<string, string> = {
  approvals: '审核名单', 'public notice': '公示名单', payments: '拨付汇总', flags: '疑点', sample: '回访抽样',
  disbursement: '拨付批次', disbursements: '拨付台账', recoveries: '追回清单', 'by payee': '按收款方汇总', 'by claim': '按申请核对',
  institutions: '培训机构', issuers: '发证机构',
};

export function sheetName(name: string, lang: Lang): string {
  return lang === 'zh' ? (SHEETS_ZH[name] ?? name) : name;
}
