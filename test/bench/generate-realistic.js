// Large synthetic exports whose values are distributed as in a real city-wide export (issue #14),
// for `npm run bench` and the memory test: every roster row a different trainee (a unique ID
// number with a valid check character, a name, a unique phone), a few thousand institutions and
// tens of thousands of employers, classes of 20–60 trainees, every column of SPEC §2.1 filled as
// institutions fill it, and certificates for about 80 % of the certificate-type claims plus other
// persons' certificates up to the number asked for (most persons holding one). Written in
// streaming chunks, deterministic for a seed; the roster and the certificates are made from the
// same sequence of classes, so either file can be written without the other.
//
// generate-large.js keeps the older, repetitive data set (a third as many persons as rows, 40
// institutions, one employer), which the crash and fault tests use.

import { writeLines } from './generate-large.js';
import {
  rng, makeId, makeUscc, addDays, SURNAMES, GIVEN, REGIONS, OCCUPATIONS, ENTREPRENEURSHIP, TYPE_LABELS, CATEGORY_LABELS,
  CERT_LABELS, LEVEL_LABELS, CATS_BY_TYPE, EMPLOYER_TYPES,
} from '../../samples/generate.js';

const ROSTER_HEADER = '班级编号,培训机构名称,统一社会信用代码,培训类型,是否项目制,职业编码,职业(工种),培训等级,开班日期,结业日期,课时,出勤率,姓名,身份证号码,手机号码,人员类别,户籍性质,工作单位,单位统一社会信用代码,是否参保,以工代训月数,申请补贴金额';
const CERT_HEADER = '证书编号,证书类型,姓名,身份证号码,职业编码,职业(工种),等级,发证日期,发证机构';
const TYPES = Object.keys(TYPE_LABELS);
const NO_CERTIFICATE = new Set(['apprenticeship', 'work_based']);
const INSTITUTION_SUFFIXES = ['职业培训学校', '职业技能培训中心', '职业技能培训学校', '技工学校', '培训学院', '职业技能培训有限公司', '家政服务培训中心'];
const EMPLOYER_SUFFIXES = ['建设工程有限公司', '商贸有限公司', '物业服务有限公司', '餐饮管理有限公司', '汽车服务有限公司', '物流有限公司', '电子科技有限公司', '机械制造有限公司', '家政服务有限公司', '酒店管理有限公司', '医药连锁有限公司', '建筑劳务有限公司'];
const DISTRICTS = ['渝中', '江北', '南岸', '九龙坡', '沙坪坝', '大渡口', '渝北', '巴南', '北碚', '綦江', '江津', '合川', '永川', '璧山', '涪陵', '万州'];
const ISSUERS = ['重庆市职业技能鉴定指导中心', '重庆市职业技能鉴定指导中心', '重庆市渝中区职业技能鉴定所', '重庆市安全生产培训考核中心', '重庆市人力资源和社会保障局'];
const BIRTH_FIRST = Date.UTC(1966, 0, 1);
const BIRTH_DAYS = Math.round((Date.UTC(2003, 0, 1) - BIRTH_FIRST) / 86400000);
const DAY = 86400000;

/** A 32-bit mix of an integer (splitmix-like): per-person values that do not depend on the order made. */
function mix(x) {
  let h = Math.imul((x >>> 0) ^ 0x9e3779b9, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
const gcd = (a, b) => (b === 0 ? a : gcd(b, a % b));

// Person k ↦ (region, birth day, sequence) through a bijection of [0, M): no two persons share an ID number.
const ID_SPACE = REGIONS.length * BIRTH_DAYS * 999;
const ID_STEP = [48271, 69621, 1000003, 2147483].find((a) => gcd(a, ID_SPACE) === 1);
const PHONE_SPACE = 1_000_000_000;
const PHONE_STEP = 387_420_489; // 3^18: coprime with 10^9

/** The k-th distinct person (k < ID_SPACE). */
export function personOf(k) {
  const slot = (k * ID_STEP + 12_345_677) % ID_SPACE;
  const seq = (slot % 999) + 1;
  const day = Math.floor(slot / 999) % BIRTH_DAYS;
  const region = REGIONS[Math.floor(slot / 999 / BIRTH_DAYS)];
  const birth = new Date(BIRTH_FIRST + day * DAY).toISOString().slice(0, 10);
  const h = mix(k);
  const given = GIVEN.length;
  const name = SURNAMES[h % SURNAMES.length] + GIVEN[(h >>> 8) % given] + ((h >>> 20) % 10 < 7 ? GIVEN[mix(h) % given] : '');
  const phone = `1${'35789'[(h >>> 4) % 5]}${String((k * PHONE_STEP + 7) % PHONE_SPACE).padStart(9, '0')}`;
  return { id: makeId(region, birth, seq), name, phone, rural: (h >>> 12) % 100 < 55 };
}

function uniqueName(k, prefix, suffixes) {
  const g = GIVEN.length;
  const a = k % g;
  const b = Math.floor(k / g) % g;
  const s = Math.floor(k / g / g) % suffixes.length;
  return `${prefix}${GIVEN[a]}${GIVEN[b]}${suffixes[s]}`;
}

/** The institutions and employers of a data set of `rows` rows: a few thousand and tens of thousands at a million. */
function world(rows, seed) {
  const r = rng(seed);
  const nInstitutions = Math.min(3000, Math.max(50, Math.round(rows / 330)));
  const nEmployers = Math.min(30_000, Math.max(500, Math.round(rows / 33)));
  const institutions = Array.from({ length: nInstitutions }, (_, k) => {
    const own = [r.pick(TYPES), r.pick(TYPES), 'employment_skills'];
    return { name: `重庆市${DISTRICTS[k % DISTRICTS.length]}区${uniqueName(k * 7 + 3, '', INSTITUTION_SUFFIXES)}`, code: makeUscc(r, '52'), types: own };
  });
  const employers = Array.from({ length: nEmployers }, (_, k) => ({ name: `重庆${uniqueName(k * 13 + 5, '', EMPLOYER_SUFFIXES)}`, code: makeUscc(r) }));
  return { r, institutions, employers };
}

/**
 * The claims of a data set of `rows` rows, in file order: each a class (shared by its 20–60
 * trainees), a distinct person and the row's own values. `certified` says whether the person
 * holds the class's certificate (about 80 % of certificate-type claims).
 */
export function* realisticClaims(rows, seed = 14) {
  const { r, institutions, employers } = world(rows, seed);
  let i = 0;
  let classSeq = 0;
  while (i < rows) {
    // Larger institutions run more classes: a square skews the pick towards the first ones.
    const inst = institutions[Math.floor(r.next() ** 2 * institutions.length)];
    const type = r.pick(inst.types);
    const occ = type === 'entrepreneurship' ? ENTREPRENEURSHIP : r.pick(OCCUPATIONS);
    const days = type === 'apprenticeship' ? r.int(300, 700) : type === 'work_based' ? r.int(60, 180) : r.int(8, 30);
    const start = addDays('2019-01-02', r.int(0, 1050 - days));
    const end = addDays(start, days - 1);
    const level = occ.cert === 'skill_level' || occ.cert === 'qualification' ? r.pick([5, 5, 4, 4, 3]) : null;
    const cls = {
      id: `CQ${start.slice(0, 4)}${String(++classSeq).padStart(7, '0')}`, inst, type, occ, start, end, level,
      hours: String(Math.min(days * r.int(4, 8), 400)), projectBased: type === 'employment_skills' && r.chance(0.3) ? '是' : '否',
      // An enterprise's own class (apprentices, work-based training) has one employer; others have many.
      employer: r.pick(employers), ownEmployer: type === 'apprenticeship' || type === 'work_based' || r.chance(0.3),
      // An amount with a thousands separator is quoted, as spreadsheets write it.
      claimed: r.chance(0.6) ? r.pick(['800', '1000.00', '1500', '1500元', '2000', '"3,000.00"']) : '',
      months: type === 'work_based' ? String(r.int(1, 6)) : '',
    };
    const size = Math.min(r.int(20, 60), rows - i);
    for (let k = 0; k < size; k++, i++) {
      const person = personOf(i);
      const cats = [CATEGORY_LABELS[r.pick(CATS_BY_TYPE[type])]];
      if (cats[0] === CATEGORY_LABELS.rural_migrant && r.chance(0.15)) cats.push(CATEGORY_LABELS.poor_labor);
      const employer = EMPLOYER_TYPES.has(type) || r.chance(0.1) ? (cls.ownEmployer ? cls.employer : r.pick(employers)) : null;
      yield {
        cls, person, categories: cats.join('、'), employer, insured: employer ? (r.chance(0.9) ? '是' : '否') : '',
        attendance: r.chance(0.5) ? `${r.int(80, 100)}%` : `0.${r.int(80, 99)}`,
        certified: !NO_CERTIFICATE.has(type) && r.chance(0.8), issueAfter: r.int(5, 60),
      };
    }
  }
}


/** A roster of `rows` rows, every row a different person, with the Chinese headers institutions use. */
export async function writeRealisticRoster(path, rows, seed = 14) {
  function* lines() {
    for (const c of realisticClaims(rows, seed)) {
      const { cls, person } = c;
      yield [
        cls.id, cls.inst.name, cls.inst.code, TYPE_LABELS[cls.type], cls.projectBased, cls.occ.code, cls.occ.name,
        cls.level === null ? '' : LEVEL_LABELS[cls.level], cls.start, cls.end, cls.hours, c.attendance, person.name, person.id,
        person.phone, c.categories, person.rural ? '农村' : '城镇', c.employer?.name ?? '', c.employer?.code ?? '', c.insured,
        cls.months, cls.claimed,
      ].join(',');
    }
  }
  await writeLines(path, ROSTER_HEADER, lines());
}

/**
 * `count` certificates: the certified claims' ones of a roster of `rows` rows, then other
 * persons' (not trainees of that roster; one in twenty of them holding two) up to `count`,
 * interleaved in file order.
 */
export async function writeRealisticCertificates(path, rows, count = rows, seed = 14) {
  const r = rng(seed + 1);
  let number = 0;
  let other = 0;
  const certNumber = () => `${2019 + (number % 3)}${String(50_000_000_000 + number++ * 7919).padStart(14, '0')}`;
  const line = (person, occ, level, issue) =>
    [certNumber(), CERT_LABELS[occ.cert], person.name, person.id, occ.code, occ.name, level === null ? '' : LEVEL_LABELS[level], issue, r.pick(ISSUERS)].join(',');
  // Certified claims are about 0.6 of the rows; the others' certificates fill up to count.
  const certifiedShare = 0.55;
  const otherPerClaim = Math.max(0, (count - rows * certifiedShare) / rows);
  function* otherCertificates() {
    const person = personOf(rows + other++);
    const occ = r.pick(OCCUPATIONS);
    const level = occ.cert === 'skill_level' || occ.cert === 'qualification' ? r.pick([5, 4, 3]) : null;
    yield line(person, occ, level, addDays('2019-01-15', r.int(0, 1080)));
    if (r.chance(0.05)) yield line(person, r.pick(OCCUPATIONS), level, addDays('2019-01-15', r.int(0, 1080)));
  }
  function* lines() {
    let written = 0;
    let owed = 0;
    for (const c of realisticClaims(rows, seed)) {
      if (written >= count) return;
      if (c.certified) {
        yield line(c.person, c.cls.occ, c.cls.level, addDays(c.cls.end, c.issueAfter));
        written++;
      }
      for (owed += otherPerClaim; owed >= 1 && written < count; owed--) {
        for (const l of otherCertificates()) {
          if (written < count) {
            yield l;
            written++;
          }
        }
      }
    }
    while (written < count) {
      for (const l of otherCertificates()) {
        if (written < count) {
          yield l;
          written++;
        }
      }
    }
  }
  await writeLines(path, CERT_HEADER, lines());
}

const INSURED_HEADER = 'AAC002,AAC003,AAE003,AAB004,单位统一社会信用代码';

/** The months `YYYYMM` from the one holding `from` to the one holding `to`. */
function monthsOf(from, to) {
  const months = [];
  let [y, m] = [Number(from.slice(0, 4)), Number(from.slice(5, 7))];
  const last = Number(to.slice(0, 4)) * 12 + Number(to.slice(5, 7));
  for (; y * 12 + m <= last; m === 12 ? ((m = 1), y++) : m++) months.push(`${y}${String(m).padStart(2, '0')}`);
  return months;
}

/**
 * A city's monthly social-insurance contribution rows (SPEC §2.5 `insured`, issue #16), headed by
 * the ministry's field codes as the systems export them: at least `count` rows. As in a real
 * export, a trainee with an employer is insured by it during the class (every month of it), but
 * for about 3 % whose employment the list does not show (the apprentices and work-based trainees
 * among them are F_NOT_EMPLOYED's leads); one laid-off trainee in two hundred is still insured
 * when the class starts (F_INSURED_UNEMPLOYED). The trainees' rows come to about two a claim; the
 * rest of `count`, if any, are people who never trained (12 to 36 months each), interleaved.
 */
export async function writeRealisticInsured(path, rows, count = 2 * rows, seed = 14) {
  const r = rng(seed + 2);
  const { employers } = world(rows, seed);
  const laidOff = CATEGORY_LABELS.laid_off;
  let outsider = 0;
  function* outsiderRows() {
    // Persons far from the roster's and the certificates' (which count up from `rows`).
    const person = personOf(4 * rows + outsider++);
    const employer = r.pick(employers);
    const from = addDays('2018-01-01', r.int(0, 900));
    for (const ym of monthsOf(from, addDays(from, r.int(12, 36) * 30))) yield [person.id, person.name, ym, employer.name, employer.code].join(',');
  }
  function* lines() {
    let written = 0;
    // The trainees' rows are about two a claim (an apprenticeship's 10–23 months weigh most);
    // outsiders' rows fill the rest of `count` along the way.
    const outsiderRowsPerClaim = Math.max(0, (count - 2 * rows) / rows);
    let owed = 0;
    for (const c of realisticClaims(rows, seed)) {
      const { cls, person } = c;
      if (c.employer && r.chance(0.97)) {
        for (const ym of monthsOf(cls.start, cls.end)) {
          yield [person.id, person.name, ym, c.employer.name, c.employer.code].join(',');
          written++;
        }
      } else if (c.categories.startsWith(laidOff) && r.chance(0.005)) {
        for (const ym of monthsOf(addDays(cls.start, -90), cls.start)) {
          yield [person.id, person.name, ym, r.pick(employers).name, ''].join(',');
          written++;
        }
      }
      for (owed += outsiderRowsPerClaim; owed >= 1;) {
        for (const l of outsiderRows()) {
          yield l;
          written++;
          owed--;
        }
      }
    }
    while (written < count) {
      for (const l of outsiderRows()) {
        yield l;
        written++;
      }
    }
  }
  await writeLines(path, INSURED_HEADER, lines());
}
