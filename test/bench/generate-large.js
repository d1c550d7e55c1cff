// Large synthetic exports for the benchmark and the crash tests: a roster of N rows
// (16+ columns, ~30 trainees a class, certificate-type classes mostly) and the matching
// certificates, written in streaming chunks so memory stays flat.

import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { rng, makeId, makeUscc, addDays } from '../../samples/generate.js';

const HEADER = 'class_id,institution_name,institution_code,training_type,project_based,occupation_code,occupation_name,level,start_date,end_date,hours,attendance,name,id_number,phone,categories,household,employer_name,employer_code,insured,months,claimed_amount';
const TYPES = ['就业技能培训', '就业技能培训', '就业技能培训', '岗位技能提升培训', '创业培训', '以工代训', '企业新型学徒制'];
const OCCUPATIONS = [['6-31-01-03', '电工'], ['4-10-01-02', '育婴员'], ['4-03-02-01', '中式烹调师'], ['4-10-01-05', '养老护理员'], ['4-12-01-01', '汽车维修工']];
const CATEGORIES = { 就业技能培训: '农民工', 岗位技能提升培训: '企业职工', 创业培训: '高校毕业生', 以工代训: '就业困难人员', 企业新型学徒制: '企业职工' };
const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗';
const GIVEN = '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚';

/** Writes a header and lines, in chunks of 5,000 so that memory stays flat whatever the size. */
export async function writeLines(path, header, lines) {
  const out = createWriteStream(path);
  out.write(`${header}\n`);
  let chunk = [];
  for (const line of lines) {
    chunk.push(line);
    if (chunk.length === 5000) {
      if (!out.write(`${chunk.join('\n')}\n`)) await once(out, 'drain');
      chunk = [];
    }
  }
  if (chunk.length) out.write(`${chunk.join('\n')}\n`);
  out.end();
  await once(out, 'finish');
}

/** makeLine(i) for i = 0 … total − 1. */
function* numbered(total, makeLine) {
  for (let i = 0; i < total; i++) yield makeLine(i);
}

/** The person behind trainee slot i: about 3 claims per person over the data set. */
function person(i, persons) {
  const p = i % persons;
  const year = 1970 + (p % 32);
  const birth = `${year}-${String((p % 12) + 1).padStart(2, '0')}-${String((p % 28) + 1).padStart(2, '0')}`;
  return { id: makeId('500103', birth, (Math.floor(p / 384) % 999) + 1), name: SURNAMES[p % 20] + GIVEN[(p >> 3) % 23] + GIVEN[(p >> 5) % 23], phone: `138${String(p).padStart(8, '0')}` };
}

/**
 * The district's 40 institutions, the same whatever the seed: a class id belongs to one
 * institution (SPEC §2.1), so files made with different seeds agree on who holds each class.
 */
function districtInstitutions() {
  const r = rng(40);
  return Array.from({ length: 40 }, (_, k) => ({ name: `重庆第${k + 1}职业培训学校`, code: makeUscc(r, '52') }));
}

export function classOf(i, r, institutions) {
  const c = Math.floor(i / 30);
  const type = TYPES[c % TYPES.length];
  const [occCode, occName] = OCCUPATIONS[c % OCCUPATIONS.length];
  const start = addDays('2019-01-10', c % 1000);
  const end = addDays(start, type === '以工代训' ? 90 : type === '企业新型学徒制' ? 364 : 20);
  return { id: `CQ-${String(c).padStart(6, '0')}`, inst: institutions[c % institutions.length], type, occCode, occName, level: type === '创业培训' ? '' : String(5 - (c % 3)), start, end };
}

export async function writeLargeRoster(path, rows, seed = 7) {
  const r = rng(seed);
  const institutions = districtInstitutions();
  const persons = Math.max(1, Math.floor(rows / 3));
  const employer = ['重庆渝中建设工程有限公司', makeUscc(r)];
  await writeLines(path, HEADER, numbered(rows, (i) => {
    const cls = classOf(i, r, institutions);
    const p = person(i, persons);
    const withEmployer = cls.type !== '就业技能培训' && cls.type !== '创业培训';
    return [cls.id, cls.inst.name, cls.inst.code, cls.type, '否', cls.occCode, cls.occName, cls.level, cls.start, cls.end, '120', '95%',
      p.name, p.id, p.phone, CATEGORIES[cls.type], i % 2 ? '农村' : '城镇', withEmployer ? employer[0] : '', withEmployer ? employer[1] : '',
      withEmployer ? '是' : '', '', ''].join(',');
  }));
}

export async function writeLargeCertificates(path, rows, seed = 7) {
  const r = rng(seed);
  const institutions = districtInstitutions();
  const persons = Math.max(1, Math.floor(rows / 3));
  await writeLines(path, 'cert_number,cert_type,name,id_number,occupation_code,occupation_name,level,issue_date,issuer', numbered(rows, (i) => {
    const cls = classOf(i, r, institutions);
    const p = person(i, persons);
    const type = cls.type === '创业培训' ? '创业培训合格证书' : '职业技能等级证书';
    return [`Z${String(i).padStart(10, '0')}`, type, p.name, p.id, cls.occCode, cls.occName, cls.level, addDays(cls.end, 10 + (i % 40)), '重庆市职业技能鉴定指导中心'].join(',');
  }));
}
