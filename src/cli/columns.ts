// Output column headers in both languages (SPEC §1: --lang sets CSV and table headers; JSON
// keys stay the English identifiers).

import type { Column } from './render/output.js';

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
  in_catalogue: '在目录内', classes: '班级数', trainees: '学员数', approved: '通过', partial: '部分通过', rejected: '不通过', pending: '待定',
  review: '待复核', pass_rate: '取证率', paid_total: '补贴合计', flags_high: '高风险疑点', flags_medium: '中风险疑点', flags_low: '低风险疑点',
  listed_trainees: '名单比对人数', first_start: '最早开班', last_end: '最晚结业', issuer: '发证机构', certificates: '证书数', holders: '持证人数',
  first_issue: '最早发证', last_issue: '最晚发证', peak_month: '发证高峰月', peak_count: '高峰月发证数', funding_paid_claims: '补贴申请数',
  burst_months: '突击发证月份',
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

export function columns(keys: readonly string[]): Column[] {
  return keys.map((key) => ({ key, en: key, zh: ZH[key] ?? key, numeric: NUMERIC.has(key), money: MONEY.has(key) }));
}
