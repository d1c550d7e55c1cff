// SPEC §1 --lang: the labels shown for enum values and codes in table, CSV, XLSX, Markdown and
// HTML output. Under zh an enum value of §3 shows its first Chinese label (core/normalise/enums),
// a value §3 does not list shows the short Chinese word defined once below, and a code shows as
// `标签(CODE)`, several `;`-joined, so an auditor keeps the code beside the words. Under en, and
// always in JSON, the English identifiers are shown unchanged.

import { CATEGORIES, CERT_TYPES, HOUSEHOLDS, TRAINING_TYPES } from '../core/normalise/enums.js';
import type { Lang } from './messages.js';

/** What a column holds, for labelling: an enum (by its name), codes, or text left as it is. */
export type LabelKind =
  | 'training_type' | 'categories' | 'cert_type' | 'household'
  | 'decision' | 'kind' | 'payee_type' | 'fund' | 'sex' | 'component' | 'subject_type' | 'severity' | 'verdict'
  | 'ledger_type' | 'boolean' | 'list_kind' | 'version'
  /** What an audit-log entry records (`import roster`, `check` …). */
  | 'log_action'
  /** Reason codes (E_/P_/W_), flag rules (F_) and recovery reasons, `;`-joined. */
  | 'codes'
  /** Flag ids (`F_OVERLAP-3fa9c2b1d0e4`), `;`-joined: labelled by their rule, the id kept whole. */
  | 'flag_ids'
  /** Evidence references; an outside list's (`pension:file:line:from..to`) names its list. */
  | 'sources'
  /** A stored UTC time, shown in the machine's zone with its offset (in both languages). */
  | 'time';

const first = <T extends string>(table: Record<T, readonly string[]>): Record<string, string> =>
  Object.fromEntries(Object.entries(table).map(([id, labels]) => [id, (labels as readonly string[])[0]]));

/** §3's enums: the first Chinese label each lists. */
const SPEC_LABELS: Partial<Record<LabelKind, Record<string, string>>> = {
  training_type: first(TRAINING_TYPES),
  categories: first(CATEGORIES),
  cert_type: first(CERT_TYPES),
  household: first(HOUSEHOLDS),
};

/** The values §3 does not list: one short Chinese word each, defined here and nowhere else. */
const OWN_LABELS: Partial<Record<LabelKind, Record<string, string>>> = {
  decision: { approved: '通过', partial: '部分通过', rejected: '不予补贴', pending: '待定', review: '暂缓待核' },
  kind: { training: '职业培训补贴', skills_upgrading: '技能提升补贴', apprenticeship: '学徒制补贴', work_based: '以工代训补贴' },
  payee_type: { institution: '培训机构', employer: '用人单位', person: '个人' },
  fund: { employment_subsidy: '就业补助资金', unemployment_insurance: '失业保险基金' },
  sex: { male: '男', female: '女' },
  component: { main: '补贴', living: '生活费补贴' },
  subject_type: {
    person: '人员', class: '班级', class_pair: '两个班级', certificate: '证书', institution: '培训机构', phone: '电话',
    org_code: '单位代码', issuer_month: '发证机构月份', claim: '申请',
  },
  severity: { high: '高', medium: '中', low: '低' },
  verdict: { open: '未核查', cleared: '已排除', confirmed: '已确认' },
  ledger_type: { payment: '拨付', recovery: '追回' },
  version: { active: '有效', replaced: '已替换', withdrawn: '已撤回' },
  log_action: {
    'import roster': '导入花名册', 'import certificates': '导入证书', 'import institutions': '导入机构目录', 'import list': '导入外部名单',
    'import withdraw': '撤回导入文件', check: '审核', 'flags resolve': '记录核查结论', disburse: '拨付',
  },
  boolean: { yes: '是', no: '否' },
  list_kind: { pension: '养老金领取人员名单', public_staff: '财政供养人员名单', student: '在校学生名单', death: '死亡人员名单', insured: '参保缴费名单' },
};

/** Every code's words: §6's reasons, §7's rules, §10's recovery reasons, §2.4's row errors. */
export const CODE_LABELS: Readonly<Record<string, string>> = {
  E_ID_INVALID: '身份证号无效', E_AGE: '年龄不符', E_PERIOD: '不在行动期内', E_INSTITUTION: '机构不在目录内',
  E_CATEGORY: '人员类别不符', E_EMPLOYER: '用人单位不符', E_ATTENDANCE: '出勤率不足', P_IN_TRAINING: '培训未结束',
  E_CERT_WINDOW: '取证超期', P_AWAITING_CERT: '等待取证', E_NO_CERT: '未取得证书', E_FRAUD_CONFIRMED: '经核查确认违规',
  E_NO_RATE: '无补贴标准', W_MONTHS_CAPPED: '超过月数上限', E_REPEAT: '重复享受', E_LOWER_LEVEL: '低于已补贴等级',
  E_ANNUAL_CAP: '超过年度次数',
  PAYEE_CHANGED: '收款方变更', FUND_CHANGED: '资金渠道变更', AMOUNT_CHANGED: '金额变更',
  R_MISSING: '必填项为空', R_ID_DAMAGED: '身份证号已损坏', R_DATE: '日期无法识别', R_ENUM: '取值不在范围内', R_NUMBER: '数字无效',
  R_DUP_ROW: '重复行', R_END_BEFORE_START: '结束早于开始', R_CLASS_CONFLICT: '班级归属冲突', R_TOO_LONG: '内容过长',
  R_ENCODING: '编码无效', R_FIELD_COUNT: '字段数不符', R_QUOTE: '引号未闭合',
  F_ID_INVALID: '身份证号无效', F_NAME_MISMATCH: '冒名顶替', F_OVERLAP: '同时参加多个培训班', F_CERT_SHARED: '证书多人共用',
  F_CERT_BEFORE_TRAINING: '证书先于培训', F_ROSTER_REUSE: '套用花名册', F_PHONE_SHARED: '电话多人共用',
  F_CATEGORY_CONFLICT: '身份造假', F_OVERCLAIM: '超额申请', F_ORG_CODE_INVALID: '统一社会信用代码无效', F_HOURS: '课时超限',
  F_PASS_RATE: '取证率异常', F_PENSIONER: '离退休人员参训', F_PUBLIC_STAFF: '财政供养人员参训', F_STUDENT: '在校学生参训',
  F_DECEASED: '死亡人员参训', F_INSURED_UNEMPLOYED: '在职参保冒充失业', F_NOT_EMPLOYED: '虚构劳动关系', F_CERT_BURST: '突击发证',
};

/** The steps of §6 as `explain` names them. */
export const STEP_LABELS: Readonly<Record<string, string>> = {
  id_number: '身份证号', age: '年龄', period: '行动期', institution: '机构目录', category: '人员类别', employer: '用人单位',
  attendance: '出勤率', certificate: '证书', amount: '补贴金额', caps: '次数限制', kind_payee_fund: '类别、收款方和资金',
  living_allowance: '生活费补贴', total_advance: '合计和预拨', flags: '疑点', fraud_confirmed: '核查确认违规',
};

const ENUM_LABELS: Partial<Record<LabelKind, Record<string, string>>> = { ...SPEC_LABELS, ...OWN_LABELS };

/** One code as `标签(CODE)`; a code without words stays as it is. */
export function codeLabel(code: string): string {
  const words = CODE_LABELS[code];
  return words ? `${words}(${code})` : code;
}

/** The Chinese word for one enum value, or the value itself where there is none. */
export function enumLabel(kind: LabelKind, value: string): string {
  return ENUM_LABELS[kind]?.[value] ?? value;
}

const split = (value: string): string[] => (value === '' ? [] : value.split(';'));

/** A cell's value as shown in the chosen language (SPEC §1); numbers and en pass through. */
export function labelValue<T>(lang: Lang, kind: LabelKind | undefined, value: T): T | string {
  if (lang !== 'zh' || !kind || typeof value !== 'string' || value === '') return value;
  switch (kind) {
    case 'codes':
      return split(value).map(codeLabel).join(';');
    case 'flag_ids':
      return split(value).map((id) => {
        const rule = /^F_[A-Z_]+(?=-|$)/.exec(id)?.[0];
        return rule && CODE_LABELS[rule] ? `${CODE_LABELS[rule]}(${id})` : id;
      }).join(';');
    case 'sources':
      return split(value).map((s) => {
        const m = /^([a-z_]+):(.*)$/.exec(s);
        return m && OWN_LABELS.list_kind![m[1]] ? `${OWN_LABELS.list_kind![m[1]]}:${m[2]}` : s;
      }).join(';');
    case 'categories':
      return split(value).map((v) => enumLabel(kind, v)).join(';');
    default:
      return enumLabel(kind, value);
  }
}

/** The facts `explain` shows for each step (SPEC §8.6), by their JSON names: their Chinese names. */
export const FACT_LABELS: Readonly<Record<string, string>> = {
  id_number: '身份证号', valid: '有效', sex: '性别', birth_date: '出生日期', start_date: '开班日期', end_date: '结业日期', age: '年龄',
  min: '下限', max: '上限', period: '行动期', from: '起', to: '止', catalogue_loaded: '已导入机构目录', institution_code: '机构代码',
  listed: '目录记录', valid_from: '有效期起', valid_to: '有效期止', source: '来源', training_type: '培训类型', categories: '人员类别',
  eligible_for_type: '该培训类型可享受的人员类别', eligible: '符合条件的人员类别', employer_required: '须有用人单位',
  employer_name: '用人单位名称', insured: '参保', insured_employer_required_for: '须由参保单位申报的人员类别', problem: '问题',
  attendance: '出勤率', min_attendance: '最低出勤率', window: '取证期限', as_of: '基准日期', chosen: '采用的证书', passed_over: '未采用的证书',
  why: '原因', cert_number: '证书编号', cert_type: '证书类型', occupation: '职业', level: '等级', issue_date: '发证日期', pays: '补贴方式',
  needed: '须有证书', main_subsidy: '补贴金额', rates: '补贴标准', path: '参数', value: '数值', since: '起始日期', months: '月数',
  reached: '进入次数限制审核', order: '审核顺序', earlier_claims: '此前计入上限的申请', ordered_first: '优先排序', first_batch: '首次拨付批次',
  certificate_subsidies_per_year: '每年证书类补贴次数上限', kind: '补贴类别', payee_type: '收款方类型', payee_name: '收款方', fund: '资金渠道',
  living_allowance: '生活费补贴', household: '户籍', total: '合计', advance: '预拨', balance: '清算', project_based: '项目制培训',
  ratio: '预拨比例', flags: '疑点', flag_id: '疑点编号', rule: '疑点规则', severity: '风险等级', verdict: '核查结论',
  confirmed_flags: '经核查确认的疑点',
};

/** The values of facts that are not enums elsewhere: their Chinese words. */
const FACT_VALUES: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  why: { before_start: '发证早于开班', after_window: '超过取证期限', later_than_chosen: '晚于采用的证书', after_as_of: '晚于基准日期' },
  problem: { no_employer: '无用人单位', not_insured: '单位未参保' },
  pays: { certificate: '按证书', per_year: '按年', per_month: '按月' },
  ordered_first: { 'money was disbursed for this claim': '本申请已有拨付，排在前面' },
};

/** Which enum a fact's values belong to, for its label. */
const FACT_ENUMS: Readonly<Record<string, LabelKind>> = {
  sex: 'sex', training_type: 'training_type', categories: 'categories', eligible_for_type: 'categories', eligible: 'categories',
  insured_employer_required_for: 'categories', cert_type: 'cert_type', kind: 'kind', payee_type: 'payee_type', fund: 'fund',
  household: 'household', severity: 'severity', verdict: 'verdict', rule: 'codes', flag_id: 'flag_ids',
};

/**
 * One fact of `explain` as shown: under zh its values labelled (enums, yes/no, none) and the names
 * inside it in Chinese too; under en the JSON value, as before.
 */
export function factText(lang: Lang, key: string, value: unknown): string {
  if (lang !== 'zh') return typeof value === 'string' ? value : JSON.stringify(value);
  if (value === null || value === undefined) return '无';
  if (typeof value === 'boolean') return value ? '是' : '否';
  // The certificate window is a range of dates; other lists are items.
  if (Array.isArray(value)) return value.length === 0 ? '无' : value.map((v) => factText(lang, key, v)).join(key === 'window' ? ' 至 ' : '、');
  if (typeof value === 'object') {
    return `{${Object.entries(value as Record<string, unknown>).map(([k, v]) => `${FACT_LABELS[k] ?? k}: ${factText(lang, k, v)}`).join('，')}}`;
  }
  if (typeof value !== 'string') return String(value);
  if (key === 'eligible_for_type' && value === 'all') return '所有人员';
  const own = FACT_VALUES[key]?.[value];
  if (own) return own;
  const kind = FACT_ENUMS[key];
  return kind ? String(labelValue(lang, kind, value)) : value;
}
