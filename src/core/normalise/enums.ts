// SPEC §3: the enumerations and the labels each accepts. Enum columns also accept the
// English identifiers. Labels are matched after width folding, without spaces.

export const TRAINING_TYPES = {
  employment_skills: ['就业技能培训'],
  job_skills: ['岗位技能提升培训', '技能提升培训', '职工技能提升培训', '岗位技能培训'],
  pre_job: ['岗前培训'],
  safety_skills: ['安全技能培训', '安全技能提升培训'],
  job_transfer: ['转岗转业培训'],
  entrepreneurship: ['创业培训'],
  labor_preparation: ['劳动预备培训', '劳动预备制培训'],
  apprenticeship: ['企业新型学徒制', '新型学徒制', '学徒制培训'],
  work_based: ['以工代训'],
} as const;

export const CATEGORIES = {
  poor_labor: ['贫困劳动力', '建档立卡贫困劳动力'],
  poor_family_child: ['贫困家庭子女'],
  two_after: ['两后生', '城乡未继续升学初高中毕业生'],
  rural_migrant: ['农村转移就业劳动者', '农民工', '新生代农民工'],
  laid_off: ['下岗失业人员', '失业人员'],
  transfer_employee: ['转岗职工'],
  veteran: ['退役军人'],
  disabled: ['残疾人'],
  employment_difficult: ['就业困难人员', '服刑人员', '强制隔离戒毒人员', '戒毒康复人员'],
  zero_employment_family: ['零就业家庭成员'],
  urban_dibao: ['城市低保家庭', '城市低保家庭学员', '低保家庭'],
  college_graduate: ['高校毕业生'],
  employee: ['企业职工', '职工', '在职职工'],
  overcapacity_unemployed: ['去产能失业人员'],
  other: ['其他'],
} as const;

export const CERT_TYPES = {
  qualification: ['职业资格证书'],
  skill_level: ['职业技能等级证书'],
  special_ability: ['专项职业能力证书'],
  special_operation: ['特种作业操作证书', '特种作业操作证'],
  training_completion: ['培训合格证书', '结业证书', '创业培训合格证书'],
} as const;

export const HOUSEHOLDS = {
  rural: ['农村', '农业', '农村户口', '农业户口', '农村户籍', '农业户籍'],
  urban: ['城镇', '非农业', '非农', '城镇户口', '非农业户口', '非农户口', '城镇户籍', '非农业户籍', '城市'],
} as const;

export type TrainingType = keyof typeof TRAINING_TYPES;
export type Category = keyof typeof CATEGORIES;
export type CertType = keyof typeof CERT_TYPES;
export type Household = keyof typeof HOUSEHOLDS;

export interface EnumTable<T extends string> {
  parse(raw: string): T | undefined;
  /** "employment_skills (就业技能培训), …" for error messages. */
  accepted: string;
  ids: readonly T[];
}

function foldLabel(label: string): string {
  return label.normalize('NFKC').replace(/[\s\u3000]+/g, '').toLowerCase();
}

export function enumTable<T extends string>(labels: Record<T, readonly string[]>): EnumTable<T> {
  const lookup = new Map<string, T>();
  const ids = Object.keys(labels) as T[];
  for (const id of ids) {
    lookup.set(foldLabel(id), id);
    for (const label of labels[id]) lookup.set(foldLabel(label), id);
  }
  return {
    parse: (raw) => lookup.get(foldLabel(raw)),
    accepted: ids.map((id) => `${id} (${labels[id].join('/')})`).join(', '),
    ids,
  };
}

export const trainingTypes = enumTable<TrainingType>(TRAINING_TYPES);
export const categories = enumTable<Category>(CATEGORIES);
export const certTypes = enumTable<CertType>(CERT_TYPES);
export const households = enumTable<Household>(HOUSEHOLDS);

/** §3.2: several categories per cell, separated by , ， ; ； 、 | /. */
export const CATEGORY_SEPARATORS = /[,，;；、|/]+/;
