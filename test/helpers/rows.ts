// Small factories for roster and certificate CSV rows with valid defaults, so a test
// states only what it is about.

export const VALID_ID = '11010519491231002X';
export const INSTITUTION_CODE = '91110000600037341L';
export const EMPLOYER_CODE = '91350100M000100Y43';

export const ROSTER_HEADER_EN = [
  'class_id', 'institution_name', 'institution_code', 'training_type', 'project_based', 'occupation_code',
  'occupation_name', 'level', 'start_date', 'end_date', 'hours', 'attendance', 'name', 'id_number', 'phone',
  'categories', 'household', 'employer_name', 'employer_code', 'insured', 'months', 'claimed_amount',
];

export type RosterFields = Partial<Record<(typeof ROSTER_HEADER_EN)[number], string>>;

export function rosterRow(fields: RosterFields = {}): string[] {
  const defaults: Record<string, string> = {
    class_id: 'CQ2020-001', institution_name: '渝中职校', institution_code: INSTITUTION_CODE,
    training_type: '就业技能培训', project_based: '否', occupation_code: '6-31-01-03', occupation_name: '电工',
    level: '5', start_date: '2020-07-01', end_date: '2020-07-20', hours: '120', attendance: '95%', name: '张三',
    id_number: VALID_ID, phone: '13800138000', categories: '农民工', household: '农村', employer_name: '',
    employer_code: '', insured: '', months: '', claimed_amount: '',
  };
  return ROSTER_HEADER_EN.map((h) => fields[h] ?? defaults[h]);
}

export const CERT_HEADER_EN = ['cert_number', 'cert_type', 'name', 'id_number', 'occupation_code', 'occupation_name', 'level', 'issue_date', 'issuer'];

export function certRow(fields: Partial<Record<string, string>> = {}): string[] {
  const defaults: Record<string, string> = {
    cert_number: 'C0001', cert_type: '职业技能等级证书', name: '张三', id_number: VALID_ID, occupation_code: '6-31-01-03',
    occupation_name: '电工', level: '5', issue_date: '2020-08-01', issuer: '重庆市职业技能鉴定指导中心',
  };
  return CERT_HEADER_EN.map((h) => fields[h] ?? defaults[h]);
}
