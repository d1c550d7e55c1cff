#!/usr/bin/env node
// Makes the bundled sample exports, deterministically (same seed → same bytes), so that
// `npm run demo` and the tests have realistic, messy input with known anomalies:
// several institutions' rosters in different encodings, header wordings and date forms,
// their certificates, an institution catalogue, and a handful of every anomaly that
// SPEC §2.4 (row errors), §6 (reason codes) and §7 (fraud flags) name.
//
//   node samples/generate.js [OUT_DIR]      (default: this folder)

import { writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import iconv from 'iconv-lite';

// ---- deterministic randomness -------------------------------------------------------
export function rng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: (list) => list[Math.floor(next() * list.length)],
    chance: (p) => next() < p,
  };
}

// ---- identifiers with real check characters -----------------------------------------
const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
export function idCheck(first17) {
  let s = 0;
  for (let i = 0; i < 17; i++) s += Number(first17[i]) * ID_WEIGHTS[i];
  return '10X98765432'[s % 11];
}
export function makeId(region, birth, seq) {
  const first17 = `${region}${birth.replace(/-/g, '')}${String(seq).padStart(3, '0')}`;
  return first17 + idCheck(first17);
}
const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
export function usccCheck(first17) {
  let s = 0;
  for (let i = 0; i < 17; i++) s += USCC_ALPHABET.indexOf(first17[i]) * USCC_WEIGHTS[i];
  return USCC_ALPHABET[(31 - (s % 31)) % 31];
}
export function makeUscc(r, prefix = '91', region = '500103') {
  let body = '';
  for (let i = 0; i < 9; i++) body += r.pick(i < 2 ? 'MA0123456789' : USCC_ALPHABET);
  const first17 = `${prefix}${region}${body}`;
  return first17 + usccCheck(first17);
}

// ---- dates ----------------------------------------------------------------------------
const DAY = 86400000;
export const addDays = (iso, n) => new Date(Date.parse(`${iso}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);
const serial = (iso) => String(Math.round((Date.parse(`${iso}T00:00:00Z`) - Date.UTC(1899, 11, 30)) / DAY));
const [y_, m_, d_] = [0, 1, 2];
function dateForms(iso, style, r) {
  const p = iso.split('-');
  const [y, m, d] = [p[y_], Number(p[m_]), Number(p[d_])];
  switch (style) {
    case 'slash': return `${y}/${m}/${d}`;
    case 'chinese': return `${y}年${m}月${d}日`;
    case 'compact': return iso.replace(/-/g, '');
    case 'dot': return `${y}.${m}.${d}`;
    case 'mixed': return dateForms(iso, r.pick(['slash', 'chinese', 'iso', 'compact', 'serial']), r);
    case 'serial': return serial(iso);
    default: return iso;
  }
}

// ---- the world -------------------------------------------------------------------------
export const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
export const GIVEN = '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉萍红娥建华文辉力明永健世广志义兴良海山仁波宁贵福生龙元全国胜学祥才发武新利清飞彬富顺信子杰涛昌成康星光天达安岩中茂进林有坚和彪博诚先敬震振壮会思群豪心邦承乐绍功松善厚庆磊民友裕河哲江超浩亮政谦亨奇固之轮翰朗伯宏言若鸣朋斌梁栋维启克伦翔旭鹏泽晨辰士以建家致树炎德行时泰盛雄琛钧冠策腾楠榕风航弘';
export const REGIONS = ['500103', '500104', '500105', '500106', '500107', '500108', '500112', '500222', '510212', '500229'];
export const OCCUPATIONS = [
  { code: '6-31-01-03', name: '电工', cert: 'skill_level' },
  { code: '4-10-01-02', name: '育婴员', cert: 'skill_level' },
  { code: '4-03-02-01', name: '中式烹调师', cert: 'skill_level' },
  { code: '4-10-01-05', name: '养老护理员', cert: 'qualification' },
  { code: '4-12-01-01', name: '汽车维修工', cert: 'skill_level' },
  { code: '4-03-02-02', name: '中式面点师', cert: 'skill_level' },
  { code: '4-10-03-01', name: '美容师', cert: 'qualification' },
  { code: '', name: '电子商务（网店运营）', cert: 'special_ability' },
  { code: '6-29-01-03', name: '焊工', cert: 'special_operation' },
];
export const ENTREPRENEURSHIP = { code: '', name: 'SYB创业培训', cert: 'training_completion' };
export const TYPE_LABELS = {
  employment_skills: '就业技能培训', job_skills: '岗位技能提升培训', pre_job: '岗前培训', safety_skills: '安全技能培训',
  job_transfer: '转岗转业培训', entrepreneurship: '创业培训', labor_preparation: '劳动预备制培训',
  apprenticeship: '企业新型学徒制', work_based: '以工代训',
};
export const CATEGORY_LABELS = {
  poor_labor: '建档立卡贫困劳动力', poor_family_child: '贫困家庭子女', two_after: '两后生', rural_migrant: '农民工',
  laid_off: '失业人员', transfer_employee: '转岗职工', veteran: '退役军人', disabled: '残疾人',
  employment_difficult: '就业困难人员', zero_employment_family: '零就业家庭成员', urban_dibao: '城市低保家庭',
  college_graduate: '高校毕业生', employee: '企业职工', overcapacity_unemployed: '去产能失业人员', other: '其他',
};
export const CERT_LABELS = {
  qualification: '职业资格证书', skill_level: '职业技能等级证书', special_ability: '专项职业能力证书',
  special_operation: '特种作业操作证', training_completion: '创业培训合格证书',
};
export const LEVEL_LABELS = { 1: '一级', 2: '二级', 3: '高级工', 4: '中级工', 5: '初级工' };
export const CATS_BY_TYPE = {
  employment_skills: ['rural_migrant', 'laid_off', 'poor_labor', 'two_after', 'veteran', 'college_graduate', 'disabled', 'urban_dibao', 'employment_difficult'],
  job_skills: ['employee'], pre_job: ['employee'], safety_skills: ['employee'], job_transfer: ['transfer_employee', 'laid_off'],
  entrepreneurship: ['college_graduate', 'rural_migrant', 'veteran', 'laid_off', 'other'], labor_preparation: ['two_after'],
  apprenticeship: ['employee'], work_based: ['poor_labor', 'employment_difficult', 'zero_employment_family'],
};
export const EMPLOYER_TYPES = new Set(['job_skills', 'pre_job', 'safety_skills', 'apprenticeship', 'work_based']);

export function buildWorld(seed = 2019) {
  const r = rng(seed);
  const institutions = [
    { name: '重庆市渝中区职业技能培训学校', file: 'yuzhong-school', types: ['employment_skills', 'labor_preparation', 'job_transfer'] },
    { name: '重庆解放碑职业培训中心', file: 'jiefangbei-center', types: ['employment_skills', 'entrepreneurship', 'job_skills'] },
    { name: '重庆山城技工培训学校', file: 'enterprises', types: ['job_skills', 'pre_job', 'safety_skills', 'apprenticeship', 'work_based'] },
    { name: '渝中区大坪家政服务培训中心', file: 'yuzhong-school', types: ['employment_skills'] },
    { name: '重庆朝天门创业培训学院', file: 'jiefangbei-center', types: ['entrepreneurship', 'employment_skills'] },
    { name: '重庆化龙桥安全生产培训中心', file: 'enterprises', types: ['safety_skills', 'job_skills'], everyoneCertified: true },
    { name: '重庆两路口技能培训有限公司', file: 'jiefangbei-center', types: ['employment_skills'], notInCatalogue: true },
  ].map((inst) => ({ ...inst, code: makeUscc(r, '52') }));
  const employers = ['重庆渝中建设工程有限公司', '重庆大融城商业管理有限公司', '重庆山城汽车服务有限公司', '重庆朝天门餐饮管理有限公司', '重庆解放碑物业服务有限公司', '重庆两江物流有限公司']
    .map((name) => ({ name, code: makeUscc(r) }));

  const persons = [];
  const usedIds = new Set();
  for (let i = 0; i < 2600; i++) {
    const year = r.int(1966, 2002);
    const birth = `${year}-${String(r.int(1, 12)).padStart(2, '0')}-${String(r.int(1, 28)).padStart(2, '0')}`;
    let id;
    do id = makeId(r.pick(REGIONS), birth, r.int(1, 999)); while (usedIds.has(id));
    usedIds.add(id);
    const name = r.pick(SURNAMES) + r.pick(GIVEN) + (r.chance(0.6) ? r.pick(GIVEN) : '');
    persons.push({ id, name, birth, phone: `1${r.pick(['3', '5', '7', '8', '9'])}${String(r.int(0, 999999999)).padStart(9, '0')}`, household: r.chance(0.55) ? '农村' : '城镇' });
  }

  const classes = [];
  const rows = [];
  const certs = [];
  let classSeq = 0;
  let certSeq = 0;
  let personCursor = 0;
  const nextPerson = () => persons[personCursor++ % persons.length];
  const certNumber = () => `S${String(500000000000 + certSeq++ * 7919).padStart(13, '0')}`;

  for (const inst of institutions) {
    const classCount = inst.notInCatalogue ? 1 : r.int(12, 16);
    for (let c = 0; c < classCount; c++) {
      const type = r.pick(inst.types);
      const occ = type === 'entrepreneurship' ? ENTREPRENEURSHIP : r.pick(OCCUPATIONS);
      const days = type === 'apprenticeship' ? r.int(300, 700) : type === 'work_based' ? r.int(60, 180) : r.int(8, 30);
      // Every class ends inside the plan's period (2019–2021); one anomaly below ends later.
      const start = addDays('2019-03-01', Math.min(r.int(0, 960), 1020 - days));
      const end = addDays(start, days - 1);
      const level = occ.cert === 'skill_level' || occ.cert === 'qualification' ? r.pick([5, 5, 4, 4, 3]) : null;
      const year = start.slice(0, 4);
      const cls = {
        id: `CQ${year}-${String(++classSeq).padStart(3, '0')}`, inst, type, occ, start, end, level,
        hours: Math.min(days * r.int(4, 8), 400), projectBased: type === 'employment_skills' && r.chance(0.3), trainees: [],
      };
      classes.push(cls);
      const size = r.int(15, 38);
      for (let k = 0; k < size; k++) addTrainee(cls, nextPerson());
    }
  }

  function addTrainee(cls, person, overrides = {}) {
    const cats = [r.pick(CATS_BY_TYPE[cls.type])];
    if (cats[0] === 'rural_migrant' && r.chance(0.15)) cats.push('poor_labor');
    const employer = EMPLOYER_TYPES.has(cls.type) ? r.pick(employers) : null;
    const row = {
      cls, person, name: person.name, id: person.id, categories: cats, household: person.household,
      employer, insured: employer ? (r.chance(0.9) ? '是' : '否') : '', attendance: `${r.int(85, 100)}%`,
      phone: person.phone, months: '', claimed: '', ...overrides,
    };
    cls.trainees.push(row);
    rows.push(row);
    if (!overrides.noCert && !['apprenticeship', 'work_based'].includes(cls.type) && (cls.inst.everyoneCertified || r.chance(0.95))) {
      certs.push({
        number: certNumber(), type: cls.occ.cert, name: person.name, id: person.id, occ: cls.occ, level: cls.level,
        issue: addDays(cls.end, r.int(5, 60)), issuer: '重庆市职业技能鉴定指导中心',
      });
    }
    return row;
  }

  // ---- anomalies: a handful of each (SPEC §6 and §7) ----
  const byType = (t) => classes.filter((c) => c.type === t && !c.inst.notInCatalogue);
  const es = byType('employment_skills');
  const certOf = (row) => certs.find((c) => c.id === row.id && c.occ === row.cls.occ);
  const anomaly = (list, n, f) => list.slice(0, n).forEach(f);

  // E_ID_INVALID / F_ID_INVALID: a wrong check character.
  anomaly(es.slice(0, 3), 3, (cls) => {
    const row = cls.trainees[1];
    row.id = row.id.slice(0, 17) + (row.id[17] === '1' ? '2' : '1');
  });
  // E_AGE: a 15-year-old and a man past 60.
  const young = { id: makeId('500103', '2005-06-01', 123), name: '陈小龙', birth: '2005-06-01', phone: '13900001111', household: '城镇' };
  addTrainee(es[3], young, { categories: ['two_after'] });
  const old = { id: makeId('500103', '1958-01-15', 131), name: '刘建国', birth: '1958-01-15', phone: '13900002222', household: '城镇' };
  addTrainee(es[4], old, { categories: ['laid_off'] });
  // E_CATEGORY: an employee in an employment-skills class; E_EMPLOYER: job_skills without employer.
  addTrainee(es[5], nextPerson(), { categories: ['employee'] });
  const js = byType('job_skills');
  if (js[0]) addTrainee(js[0], nextPerson(), { employer: null, insured: '' });
  // E_ATTENDANCE
  es[6].trainees[2].attendance = '65%';
  es[7].trainees[3].attendance = '0.7';
  // F_CATEGORY_CONFLICT: laid-off with an employer.
  es[8].trainees[4].categories = ['laid_off'];
  es[8].trainees[4].employer = employers[0];
  // F_OVERCLAIM: a claimed amount far above the standard.
  es[9].trainees[5].claimed = '￥9,800.00元';
  es[9].trainees[6].claimed = '1500';
  // F_ORG_CODE_INVALID: a mistyped employer code.
  if (js[1]) js[1].trainees[0].employer = { name: js[1].trainees[0].employer.name, code: `${js[1].trainees[0].employer.code.slice(0, 17)}${js[1].trainees[0].employer.code[17] === 'A' ? 'B' : 'A'}` };
  // F_HOURS: 12 hours a day.
  es[10].hours = (Date.parse(es[10].end) - Date.parse(es[10].start)) / DAY * 12 + 12;
  // F_OVERLAP: one person in two overlapping classes.
  for (const [a, b] of [[es[11], es[12]], [es[13], es[14]]]) {
    if (!a || !b) continue;
    const person = a.trainees[0].person;
    const shift = (Date.parse(a.start) - Date.parse(b.start)) / DAY + 5;
    b.start = addDays(b.start, shift);
    b.end = addDays(b.end, shift);
    for (const t of b.trainees) {
      const cert = certOf(t);
      if (cert) cert.issue = addDays(cert.issue, shift);
    }
    addTrainee(b, person, { categories: a.trainees[0].categories });
  }
  // F_ROSTER_REUSE: a class whose roster is copied from another class of the same institution.
  const source = es.find((c) => c.trainees.length >= 20 && c.inst === es[0].inst && c !== es[0]);
  if (source) {
    const copy = {
      ...source, id: `${source.id}B`, start: addDays(source.end, 30), end: addDays(source.end, 30 + 15), hours: 16 * 6, trainees: [],
    };
    classes.push(copy);
    for (const t of source.trainees.slice(0, source.trainees.length - 1)) addTrainee(copy, t.person, { categories: t.categories });
  }
  // F_PHONE_SHARED: one phone behind six trainees.
  es[15 % es.length].trainees.slice(0, 6).forEach((t) => (t.phone = '+86 138-2300-6666'));
  // F_CERT_SHARED: one certificate number on two people.
  const shared = certs.slice(10, 12);
  if (shared.length === 2) shared[1].number = shared[0].number;
  // F_CERT_BEFORE_TRAINING / E_CERT_WINDOW / P_AWAITING_CERT / E_NO_CERT.
  anomaly(es.slice(16, 18), 2, (cls) => {
    const cert = certOf(cls.trainees[0]);
    if (cert) cert.issue = addDays(cls.start, -40);
  });
  anomaly(es.slice(18, 20), 2, (cls) => {
    const cert = certOf(cls.trainees[0]);
    if (cert) cert.issue = addDays(cls.end, 220);
  });
  // F_NAME_MISMATCH: the certificate names someone else.
  anomaly(es.slice(20, 22), 2, (cls) => {
    const cert = certOf(cls.trainees[1]);
    if (cert) cert.name = `${cert.name.slice(0, 1)}某某`;
  });
  // E_REPEAT and E_LOWER_LEVEL: the same person trained again in one occupation, at the same
  // level and then at a lower one.
  const levelled = es.filter((c) => c.level !== null && c.inst.file !== 'none');
  for (const [want, label] of [[(a, b) => b.level === a.level, 'repeat'], [(a, b) => b.level > a.level, 'lower']]) {
    const pair = levelled.flatMap((a) => levelled.filter((b) => b.occ === a.occ && b.start > addDays(a.end, 90) && want(a, b)).map((b) => [a, b]))[0];
    if (!pair) continue;
    const [a, b] = pair;
    const t = a.trainees[label === 'repeat' ? 2 : 3];
    if (certOf(t)) addTrainee(b, t.person, { categories: t.categories });
  }
  // E_ANNUAL_CAP: one person with four certificate claims in one year.
  const busy = nextPerson();
  const usedOcc = new Set();
  const capClasses = es.filter((c) => c.start >= '2020-01-01' && c.end <= '2020-10-15' && c.level !== null).filter((c) => {
    const key = c.occ.name + c.level;
    if (usedOcc.has(key)) return false;
    usedOcc.add(key);
    return true;
  });
  // Four certificate claims in 2020, in classes that do not overlap one another.
  let lastEnd = '';
  let added = 0;
  for (const cls of capClasses.sort((a, b) => (a.start < b.start ? -1 : 1))) {
    if (added === 4 || cls.start <= lastEnd) continue;
    addTrainee(cls, busy, { categories: ['rural_migrant'] });
    const cert = certOf(cls.trainees[cls.trainees.length - 1]);
    if (cert) cert.issue = addDays(cls.end, 10);
    else certs.push({ number: certNumber(), type: cls.occ.cert, name: busy.name, id: busy.id, occ: cls.occ, level: cls.level, issue: addDays(cls.end, 10), issuer: '重庆市职业技能鉴定指导中心' });
    lastEnd = cls.end;
    added++;
  }
  // W_MONTHS_CAPPED: work-based training of eight months.
  const wb = byType('work_based');
  if (wb[0]) Object.assign(wb[0].trainees[0], { months: '8', insured: '是', categories: ['poor_labor'] });
  // E_PERIOD: a class that ends after the plan.
  const late = { ...es[0], id: 'CQ2022-901', start: '2022-01-05', end: '2022-01-25', trainees: [] };
  classes.push(late);
  for (let k = 0; k < 3; k++) addTrainee(late, nextPerson(), { categories: ['rural_migrant'] });

  return { institutions, employers, persons, classes, rows, certs, r };
}

// ---- writing ----------------------------------------------------------------------------
function csvField(v, delimiter) {
  const s = v === null || v === undefined ? '' : String(v);
  return s.includes(delimiter) || /["\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
function csvText(header, rows, delimiter = ',', eol = '\r\n') {
  return [header, ...rows].map((row) => row.map((v) => csvField(v, delimiter)).join(delimiter)).join(eol) + eol;
}

const ROSTER_HEADERS = {
  zh: ['班级编号', '培训机构名称', '机构统一社会信用代码', '培训类型', '是否项目制', '职业编码', '职业（工种）', '等级', '开班日期', '结业日期', '课时', '出勤率', '姓名', '身份证号码*', '联系电话', '人员类别', '户籍性质', '工作单位', '单位统一社会信用代码', '是否参保', '以工代训月数', '申请补贴金额', '备注'],
  en: ['class_id', 'institution_name', 'institution_code', 'training_type', 'project_based', 'occupation_code', 'occupation_name', 'level', 'start_date', 'end_date', 'hours', 'attendance', 'name', 'id_number', 'phone', 'categories', 'household', 'employer_name', 'employer_code', 'insured', 'months', 'claimed_amount'],
};

function rosterRecord(row, style, r, lang) {
  const cls = row.cls;
  const idCell = style.idPrefix && r.chance(0.3) ? `'${row.id}` : row.id;
  const record = [
    cls.id, cls.inst.name, cls.inst.code, lang === 'en' && r.chance(0.5) ? cls.type : TYPE_LABELS[cls.type],
    cls.projectBased ? '是' : '否', cls.occ.code, cls.occ.name, cls.level === null ? '' : lang === 'en' ? String(cls.level) : LEVEL_LABELS[cls.level],
    dateForms(cls.start, style.dates, r), dateForms(cls.end, style.dates, r), String(cls.hours), row.attendance,
    row.name, idCell, row.phone, row.categories.map((c) => CATEGORY_LABELS[c]).join(style.catSep), row.household,
    row.employer ? row.employer.name : '', row.employer ? row.employer.code : '', row.insured, row.months, row.claimed,
  ];
  if (lang === 'zh') record.push('');
  return record;
}

export function generateSamples(outDir, seed = 2019) {
  mkdirSync(outDir, { recursive: true });
  const world = buildWorld(seed);
  const { r } = world;
  const files = {
    'yuzhong-school': { file: 'roster-yuzhong-school-gb18030.csv', lang: 'zh', encoding: 'gb18030', delimiter: ',', style: { dates: 'mixed', catSep: '、', idPrefix: true } },
    'jiefangbei-center': { file: 'roster-jiefangbei-center.csv', lang: 'en', encoding: 'utf8', delimiter: ',', style: { dates: 'iso', catSep: ';', idPrefix: false } },
    enterprises: { file: 'roster-enterprises.tsv', lang: 'zh', encoding: 'utf8bom', delimiter: '\t', style: { dates: 'compact', catSep: '，', idPrefix: false } },
  };
  const written = [];
  for (const [key, spec] of Object.entries(files)) {
    const records = world.rows.filter((row) => row.cls.inst.file === key).map((row) => rosterRecord(row, spec.style, r, spec.lang));
    // Row errors a real export brings (SPEC §2.4), one or two per file.
    if (key === 'yuzhong-school') {
      records.push(rosterRecord(world.rows[5], spec.style, r, spec.lang)); // R_DUP_ROW
      const damaged = rosterRecord(world.rows[7], spec.style, r, spec.lang);
      damaged[13] = `${Number(`${world.rows[7].id.slice(0, 17)}0`).toPrecision(6).replace('e+', 'E+')}`; // R_ID_DAMAGED
      damaged[0] = `${damaged[0]}X`;
      records.push(damaged);
      const badDate = rosterRecord(world.rows[9], spec.style, r, spec.lang);
      badDate[0] = `${badDate[0]}Y`;
      badDate[9] = '31/02/2020'; // R_DATE
      records.push(badDate);
      const fifteen = world.persons[2500];
      const old15 = fifteen.id.slice(0, 6) + fifteen.id.slice(8, 17); // a pre-1999 15-digit number
      const row15 = rosterRecord({ ...world.rows[11], id: old15, name: fifteen.name, phone: fifteen.phone, categories: ['rural_migrant'] }, spec.style, r, spec.lang);
      row15[0] = world.rows[11].cls.id;
      records.push(row15);
    }
    if (key === 'jiefangbei-center') {
      const badEnum = rosterRecord(world.rows.find((row) => row.cls.inst.file === key), spec.style, r, spec.lang);
      badEnum[0] = 'CQ2020-999';
      badEnum[3] = '厨艺培训'; // R_ENUM
      records.push(badEnum);
      const reversed = rosterRecord(world.rows.find((row) => row.cls.inst.file === key), spec.style, r, spec.lang);
      reversed[0] = 'CQ2020-998';
      [reversed[8], reversed[9]] = [reversed[9], reversed[8]]; // R_END_BEFORE_START
      records.push(reversed);
    }
    const text = csvText(ROSTER_HEADERS[spec.lang], records, spec.delimiter);
    const bytes = spec.encoding === 'gb18030' ? iconv.encode(text, 'gb18030') : Buffer.from((spec.encoding === 'utf8bom' ? '\ufeff' : '') + text, 'utf8');
    writeFileSync(join(outDir, spec.file), bytes);
    written.push([spec.file, records.length]);
  }

  const certHeader = ['证书编号', '证书类型', '姓名', '公民身份号码', '职业编码', '职业(工种)', '证书等级', '发证日期', '发证机构'];
  const certRows = world.certs.map((c) => [
    c.number, CERT_LABELS[c.type], c.name, r.chance(0.1) ? `="${c.id}"` : c.id, c.occ.code, c.occ.name,
    c.level === null ? '' : LEVEL_LABELS[c.level], dateForms(c.issue, 'mixed', r), c.issuer,
  ]);
  writeFileSync(join(outDir, 'certificates.csv'), `\ufeff${csvText(certHeader, certRows)}`);
  written.push(['certificates.csv', certRows.length]);

  const catalogue = world.institutions.filter((i) => !i.notInCatalogue).map((i, k) => [i.code, i.name, k === 2 ? '2019-04-01' : '2018-01-01', k === 4 ? '2021-12-31' : '']);
  writeFileSync(join(outDir, 'institutions.csv'), `\ufeff${csvText(['统一社会信用代码', '机构名称', '有效期起', '有效期止'], catalogue)}`);
  written.push(['institutions.csv', catalogue.length]);
  written.push(...writeLists(outDir, world, seed));
  written.push(...writeIssuers(outDir, world, seed));
  return written;
}

// ---- outside lists (SPEC §2.5) --------------------------------------------------------------
// One list of each kind, with true hits and near misses on each side of the rules' date bounds
// (SPEC §7), among people who never trained. Drawn with a randomness of their own, after the
// exports above are written, so that adding the lists left those files as they were.

const yearMonth = (iso) => iso.slice(0, 7).replace('-', '');
/** The months from the one holding `from` to the one holding `to`, as YYYYMM. */
function monthsBetween(from, to) {
  const out = [];
  let [y, m] = [Number(from.slice(0, 4)), Number(from.slice(5, 7))];
  const last = yearMonth(to);
  for (;;) {
    const ym = `${y}${String(m).padStart(2, '0')}`;
    out.push(ym);
    if (ym >= last) return out;
    [y, m] = m === 12 ? [y + 1, 1] : [y, m + 1];
  }
}
const monthBefore = (iso) => addDays(`${iso.slice(0, 7)}-01`, -1);

function writeLists(outDir, world, seed) {
  const r = rng(seed + 16);
  const taken = new Set();
  // Trainees with a valid ID, one category and a claim nobody else's anomaly touched (the first
  // few rows of a class carry those), each used for one case only.
  const es = world.classes.filter((c) => c.type === 'employment_skills' && !c.inst.notInCatalogue && !c.id.endsWith('B') && c.end < '2022-01-01').slice(9);
  const certOf = (row) => world.certs.find((c) => c.id === row.id && c.occ === row.cls.occ);
  const trainee = (test) => {
    for (const cls of es) {
      for (const row of cls.trainees.slice(8)) {
        if (row.id !== row.person.id || taken.has(row.id) || !certOf(row) || !test(row)) continue;
        taken.add(row.id);
        return row;
      }
    }
    throw new Error('samples: no trainee left for an outside-list case');
  };
  const any = () => true;
  const outsiders = (n) => Array.from({ length: n }, (_, k) => {
    const birth = `${r.int(1950, 2003)}-${String(r.int(1, 12)).padStart(2, '0')}-${String(r.int(1, 28)).padStart(2, '0')}`;
    return { id: makeId(r.pick(REGIONS), birth, 900 + k), name: r.pick(SURNAMES) + r.pick(GIVEN) + r.pick(GIVEN), birth };
  });
  const written = [];
  const write = (file, header, rows, encoding = 'utf8bom') => {
    const text = csvText(header, rows);
    writeFileSync(join(outDir, file), encoding === 'gb18030' ? iconv.encode(text, 'gb18030') : `\ufeff${text}`);
    written.push([file, rows.length]);
  };

  // pension (GB18030, as Excel on a Chinese Windows saves it): retired on or before the start is a hit.
  const pension = [];
  const longRetired = trainee(any);
  pension.push([longRetired.id, longRetired.name, dateForms(addDays(longRetired.cls.start, -800), 'chinese', r)]);
  const retiredOnStart = trainee(any);
  pension.push([retiredOnStart.id, retiredOnStart.name, retiredOnStart.cls.start]);
  const retiredDayAfter = trainee(any); // near miss: the pension starts the day after the class started
  pension.push([retiredDayAfter.id, retiredDayAfter.name, addDays(retiredDayAfter.cls.start, 1)]);
  for (const p of outsiders(40)) pension.push([p.id, p.name, `${Number(p.birth.slice(0, 4)) + 60}-${p.birth.slice(5, 7)}-01`]);
  write('list-pension-gb18030.csv', ['公民身份号码', '姓名', '离退休日期'], pension, 'gb18030');

  // public_staff: in post on any day of the class.
  const staff = [];
  const inPost = trainee(any);
  staff.push([inPost.id, inPost.name, '渝中区某街道办事处', '2012-09-01', inPost.cls.start]);
  const leftBefore = trainee(any); // near miss: left the day before the class started
  staff.push([leftBefore.id, leftBefore.name, '渝中区某事业单位', '2010-03-01', addDays(leftBefore.cls.start, -1)]);
  for (const p of outsiders(30)) staff.push([p.id, p.name, '渝中区某局', `20${String(r.int(0, 18)).padStart(2, '0')}-09-01`, '']);
  write('list-public-staff.csv', ['身份证号码', '姓名', '单位名称', '起始日期', '终止日期'], staff);

  // student: enrolled during the class, except a college graduate in the year of graduation.
  const students = [];
  const enrolled = trainee((t) => !t.categories.includes('college_graduate'));
  students.push([enrolled.id, enrolled.name, '2018-09-01', addDays(enrolled.cls.end, 300)]);
  const sameYear = (t) => t.categories.includes('college_graduate') && t.cls.start.slice(0, 4) === t.cls.end.slice(0, 4);
  const graduate = trainee(sameYear); // near miss: 毕业年度
  students.push([graduate.id, graduate.name, '2016-09-01', graduate.cls.start]);
  const notYetGraduated = trainee(sameYear); // hit: a college graduate whose study ends the next year
  students.push([notYetGraduated.id, notYetGraduated.name, '2018-09-01', `${Number(notYetGraduated.cls.end.slice(0, 4)) + 1}-06-30`]);
  for (const p of outsiders(40)) students.push([p.id, p.name, '2019-09-01', '2023-06-30']);
  write('list-student.csv', ['身份证号', '姓名', '入学日期', '毕业日期'], students);

  // death: died on or before the later of the class's end and the certificate's issue date.
  const deaths = [];
  const diedOnIssue = trainee(any);
  deaths.push([diedOnIssue.id, diedOnIssue.name, certOf(diedOnIssue).issue]);
  const diedAfter = trainee(any); // near miss: a death the day after the certificate
  deaths.push([diedAfter.id, diedAfter.name, addDays(certOf(diedAfter).issue, 1)]);
  for (const p of outsiders(25)) deaths.push([p.id, p.name, `2020-${String(r.int(1, 12)).padStart(2, '0')}-${String(r.int(1, 28)).padStart(2, '0')}`]);
  write('list-death.csv', ['证件号码', '姓名', '死亡日期'], deaths);

  // insured: monthly contribution rows with the ministry's field codes as headers.
  const insured = [];
  const contribute = (row, employer, from, to) => {
    for (const ym of monthsBetween(from, to)) insured.push([row.id, row.name, ym, employer.name, employer.code]);
  };
  const [someEmployer, otherEmployer] = world.employers;
  const working = trainee((t) => t.categories[0] === 'laid_off'); // hit: insured on the class's first day
  contribute(working, someEmployer, addDays(working.cls.start, -200), working.cls.start);
  const stopped = trainee((t) => t.categories[0] === 'laid_off'); // near miss: contributions stop the month before
  contribute(stopped, someEmployer, addDays(stopped.cls.start, -200), monthBefore(stopped.cls.start));
  // Apprentices and work-based trainees: contributions by their employer during the class,
  // except a few whose employment the list does not show.
  const employed = world.rows.filter((t) => ['apprenticeship', 'work_based'].includes(t.cls.type));
  employed.forEach((t, k) => {
    if (k === 3) return; // hit: no contributions at all
    if (k === 5) return contribute(t, t.employer === otherEmployer ? someEmployer : otherEmployer, t.cls.start, t.cls.end); // hit: another employer
    if (k === 7) return contribute(t, t.employer, addDays(t.cls.start, -90), monthBefore(t.cls.start)); // hit: stopped the month before
    if (k === 9) return contribute(t, t.employer, t.cls.end, addDays(t.cls.end, 60)); // near miss: from the class's last month
    contribute(t, t.employer, t.cls.start, t.cls.end);
  });
  for (const p of outsiders(40)) contribute({ id: p.id, name: p.name }, r.pick(world.employers), '2020-01-01', '2020-12-31');
  write('list-insured-ac20.csv', ['AAC002', 'AAC003', 'AAE003', 'AAB004', '单位统一社会信用代码'], insured);
  return written;
}

// ---- certificate issuers (SPEC §7 F_CERT_BURST, §8.8 issuers) --------------------------------
// A second certificate export from the assessment bodies, for people who did not train here (so
// the claims above keep their certificates): a large body issuing steadily above cert_burst_min
// (never a burst: its own average keeps pace), a new body accredited in October 2021 that issues
// 1,310 certificates in November–December, months after the others started (a burst each month),
// and a small body whose one busy month stays below cert_burst_min. Its name is written three
// ways, as exports do. Drawn with a randomness of its own, after every other file.

function writeIssuers(outDir, world, seed) {
  const r = rng(seed + 18);
  const used = new Set(world.persons.map((p) => p.id));
  const person = () => {
    for (;;) {
      const birth = `${r.int(1965, 2002)}-${String(r.int(1, 12)).padStart(2, '0')}-${String(r.int(1, 28)).padStart(2, '0')}`;
      const id = makeId(r.pick(REGIONS), birth, r.int(1, 999));
      if (used.has(id)) continue;
      used.add(id);
      return { id, name: r.pick(SURNAMES) + r.pick(GIVEN) + (r.chance(0.6) ? r.pick(GIVEN) : '') };
    }
  };
  const skills = OCCUPATIONS.filter((o) => o.cert === 'skill_level');
  const rows = [];
  let seq = 0;
  const issue = (issuer, month, count, spellings = [issuer]) => {
    const [y, m] = month.split('-').map(Number);
    const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
    for (let k = 0; k < count; k++) {
      const p = person();
      const occ = r.pick(skills);
      rows.push([
        `P${String(600000000 + seq++ * 7).padStart(12, '0')}`, CERT_LABELS[occ.cert], p.name, p.id, occ.code, occ.name,
        LEVEL_LABELS[r.pick([5, 5, 4, 3])], `${month}-${String(r.int(1, days)).padStart(2, '0')}`, r.pick(spellings),
      ]);
    }
  };
  const months = (from, to) => monthsBetween(from, to).map((ym) => `${ym.slice(0, 4)}-${ym.slice(4)}`);
  // Large and steady from the month the data start (April 2019, as the city's centre): above
  // cert_burst_min every month, and never cert_burst_ratio times its own average or its peers'.
  for (const month of months('2019-04-01', '2021-12-31')) issue('重庆市渝州职业技能评价中心', month, r.int(200, 215));
  // Small, with one busy month that stays below cert_burst_min.
  for (const month of months('2020-01-01', '2021-12-31')) issue('渝中区家政服务专项能力考核点', month, month === '2021-06' ? 190 : r.int(3, 8));
  // New in October 2021, two and a half years after the others started: a burst in November and December.
  const jinding = ['重庆金鼎职业技能鉴定站', '重庆金鼎 职业技能鉴定站', '重庆金鼎职业技能鉴定站　'];
  issue(jinding[0], '2021-10', 28, jinding);
  issue(jinding[0], '2021-11', 640, jinding);
  issue(jinding[0], '2021-12', 670, jinding);
  const header = ['证书编号', '证书类型', '姓名', '公民身份号码', '职业编码', '职业(工种)', '证书等级', '发证日期', '发证机构'];
  writeFileSync(join(outDir, 'certificates-issuers.csv'), `\ufeff${csvText(header, rows)}`);
  return [['certificates-issuers.csv', rows.length]];
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const out = process.argv[2] ?? dirname(fileURLToPath(import.meta.url));
  for (const [file, n] of generateSamples(out)) console.log(`${file}: ${n} rows`);
}
