// SPEC §1 --lang zh: `--help` in Chinese. Commands are built with English descriptions; under zh
// this table replaces the description of every command, option and argument (looked up by the
// command's path, then by the option or argument alone), the help's headings, and commander's
// own error messages, so that someone who reads only Chinese can work from `skillsub --help`.

import type { Command } from 'commander';

const COMMANDS: Record<string, string> = {
  '': 'skillsub — 职业技能提升行动补贴审核：导入花名册和证书，审核每条补贴申请，发现疑点，输出审核名单、拨付汇总和统计报表',
  import: '导入 CSV 或 .xlsx 文件：roster（培训花名册）、certificates（证书）、institutions（培训机构目录）、list（交叉核查用的外部名单，须加 --kind）；withdraw 撤回误导入的文件',
  check: '审核全部申请、发现疑点，并把结果存为一次编号的审核运行',
  approvals: '审核名单：每条申请一行，含审核结果、原因、疑点和金额',
  payments: '拨付汇总：已通过的申请按收款方、资金渠道和补贴项目（补贴、生活费补贴）各一行',
  flags: '一次审核运行的疑点，按严重程度排列，附每条疑点所依据的数据行（文件:行）',
  'flags resolve': '记录核查人对一条疑点的结论；下次 check 将采纳',
  report: '季度或年度统计报表，含目标任务完成情况',
  sample: '可复现的电话回访抽样：从每个班级已通过的申请中抽取',
  person: '一个人的完整培训档案：花名册记录、证书、外部名单、审核结果、补贴、疑点、本年剩余次数',
  explain: '逐步说明一条申请是如何审核的，列出所用的数值和数据来源',
  policy: '显示或校验政策文件（金额、限额、阈值及其依据）',
  'policy show': '列出政策的每个数值及其依据的段落或文件，未经文件规定的标为 assumed（假定）',
  'policy check': '校验政策文件；每个问题按其路径报告（有任何问题则退出码为 3）',
  log: '显示审计日志：谁、何时、用什么命令和文件改动了数据库',
  disburse: '记录一批拨付：审核运行在拨付日期应拨的金额减去此前各批已拨付的金额；应退回的列为追回',
  disbursements: '拨付台账：已记录各批次的每一行；加 --recoveries 得追回清单',
  institutions: '培训机构绩效评估：每个机构一行（班级、学员、审核结果、取证率、补贴、疑点）',
  help: '命令的帮助，或参考资料："help columns"（输入文件的列及其中文别名）、"help codes"（每个代码及其含义）',
  issuers: '发证机构：每个发证机构一行（证书数、持证人、高峰月份、突击发证月份）',
};

/** By `<command path> <flag>` first, then by the flag alone. */
const OPTIONS: Record<string, string> = {
  '--db': '数据库文件（默认：$SKILLSUB_DB，否则为 ./skillsub.db）',
  '--lang': '消息、表头和取值的语言（默认取自 LC_ALL/LANG，否则取自系统区域设置）',
  '--no-color': '不使用颜色（设置了 NO_COLOR 时也不使用）',
  '--quiet': '不在标准错误输出显示进度和汇总',
  '--debug': '内部错误时显示堆栈信息',
  '--version': '显示版本号',
  '--help': '显示帮助',
  '--quarter': '只列结业日期在此季度的申请，例如 2020Q3',
  '--year': '只列结业日期在此年度的申请，例如 2020',
  '--run': '指定一次已存的审核运行（默认：最近一次）',
  '--format': '输出格式（默认：终端上为 table，否则为 csv）',
  '--out': '写入文件（格式取自扩展名）；- 表示标准输出',
  '--decision': '只列此审核结果的申请',
  '--public': '用于公示：只列通过和部分通过的申请，姓名和身份证号打码，只有九列，附标题、公示期和监督电话',
  '--notice-from': '公示期的开始日期 YYYY-MM-DD（默认：审核运行的基准日期）',
  '--severity': '只列此严重程度的疑点',
  '--rule': '只列此规则的疑点，例如 F_OVERLAP',
  '--open': '只列尚无核查结论的疑点',
  '--cleared': '已核查：不属违规——疑点不再暂缓其申请',
  '--confirmed': '已核查：确属违规——其申请不予补贴（E_FRAUD_CONFIRMED）',
  '--note': '核查了什么、发现了什么',
  '--from': '从表格（.xlsx 或 .csv）读取多条核查结论，列为 疑点编号、核查结论、核查说明（flag_id, verdict, note）：全部记录或全部不记录；- 表示从标准输入读取',
  '--policy': '政策文件（默认：随附的 yuzhong-2019 政策）',
  '--as-of': '审核基准日期 YYYY-MM-DD（默认：今天）',
  '--kind': '仅用于 import list，名单种类：pension | public_staff | student | death | insured（养老金领取、财政供养、在校学生、死亡、参保缴费）',
  '--encoding': '指定文件编码，不自动识别：utf8 | gb18030（gbk、gb2312、cp936 同此）| utf16le',
  '--sheet': '.xlsx 文件：要读取的工作表（默认：第一个）',
  '--strict': '任一行有错误则整个文件不导入',
  '--errors-out': '把每条行错误写入此文件：CSV，或 .xlsx（出错的行原样列出，出错的单元格标红，并注明如何修改）；- 表示标准输出（CSV）',
  '--force': '重新导入内容已导入过的文件',
  '--force-class': '（花名册）把已属于其他机构的班级改归本文件的机构（记入审计日志）',
  '--per-class': '每个班级已通过申请中抽取的比例',
  '--min': '每个班级至少抽取的人数',
  '--seed': '随机种子：相同的种子和数据得到相同的样本',
  '--dry-run': '只显示本批将有的明细，不作记录',
  'import --dry-run': '试导入：像导入一样读取和检查文件（行错误、--errors-out），但不写入数据库',
  'import --note': 'import withdraw：撤回文件的原因（记入审计日志）',
  '--batch': '只列此批次',
  '--recoveries': '只列追回（追回清单）及其原因',
  '--by': '按收款方和资金渠道各一行（拨付、追回、净拨付），或按申请各一行（已拨付、现应拨付、差额）',
  'disburse --date': '拨付日期 YYYY-MM-DD（不得早于最近一批的日期）',
  'disburse --run': '据以拨付的审核运行（默认：最近一次）',
  'disburse --out': '把本批明细写入文件（格式取自扩展名）；- 表示标准输出',
  'disbursements --date': '与 --by claim 同用：应拨的日期 YYYY-MM-DD（默认：今天）',
  'disbursements --run': '与 --by claim 同用：据以计算应拨金额的审核运行（默认：最近一次）',
  'disbursements --quarter': '只列拨付日期在此季度的批次，例如 2020Q3',
  'disbursements --year': '只列拨付日期在此年度的批次，例如 2020',
  'institutions --year': '只计结业日期在此年度的班级，例如 2020',
  'issuers --year': '只计此年度发放的证书，例如 2020',
};

const ARGUMENTS: Record<string, string> = {
  'import kind': '文件内容：roster | certificates | institutions | list；或 withdraw，把已导入的文件撤出以后的审核',
  files: 'CSV 文件（UTF-8、UTF-16 或 GB18030；逗号、制表符或分号分隔）或 .xlsx 工作簿（第一个工作表，或用 --sheet 指定）；通配符（*.csv）由 skillsub 自行展开，- 表示从标准输入读取',
  topic: 'columns（输入列）、codes（代码），或一个命令',
  'report kind': '季报 quarterly 或年报 annual',
  period: '季度（如 2020Q3）或年份（如 2020）',
  id_number: '此人的身份证号（18 位；1999 年前的为 15 位）',
  claim_id: '申请编号：<班级编号>/<身份证号>',
  flag_id: '疑点编号，见 "skillsub flags" 的列表',
  'show file': '政策文件（默认：随附的 yuzhong-2019 政策）；- 表示从标准输入读取',
  'check file': '要校验的政策文件；- 表示从标准输入读取',
};

const TITLES: Record<string, string> = {
  'Usage:': '用法：', 'Options:': '选项：', 'Commands:': '命令：', 'Arguments:': '参数：', 'Global Options:': '全局选项：',
};

function pathOf(cmd: Command): string {
  const names: string[] = [];
  for (let c: Command | null = cmd; c?.parent; c = c.parent) names.unshift(c.name());
  return names.join(' ');
}

/** Every description of the program and its commands, in Chinese; English stays where the table has none. */
export function localiseHelp(program: Command): void {
  const visit = (cmd: Command): void => {
    const path = pathOf(cmd);
    if (COMMANDS[path]) cmd.description(COMMANDS[path]);
    cmd.helpOption('-h, --help', OPTIONS['--help']);
    // The program has its own `help` (help columns, help codes); other commands get commander's.
    if (cmd.commands.length > 0 && !cmd.commands.some((c) => c.name() === 'help')) cmd.helpCommand('help [command]', '显示命令的帮助');
    for (const option of cmd.options) {
      const long = option.long ?? '';
      const text = OPTIONS[`${path} ${long}`] ?? OPTIONS[long] ?? (option.negate ? OPTIONS[long] : undefined);
      if (text) option.description = text;
    }
    for (const arg of cmd.registeredArguments) {
      const text = ARGUMENTS[`${cmd.name()} ${arg.name()}`] ?? ARGUMENTS[arg.name()];
      if (text) arg.description = text;
    }
    cmd.configureHelp({ styleTitle: (title: string) => TITLES[title] ?? title });
    cmd.commands.forEach(visit);
  };
  visit(program);
}

/** Help text as printed under zh: commander's fixed phrases and the examples' heading in Chinese. */
export function helpTextZh(text: string): string {
  return text
    .replace(/\(choices: ([^)]*)\)/g, '（可选：$1）')
    .replace(/\(default: ([^)]*)\)/g, '（默认：$1）')
    .replace(/^Examples?:$/gm, '示例：');
}

/** Commander's own error messages (unknown option, missing argument, bad choice …) in Chinese. */
export function commanderErrorZh(text: string): string {
  const rules: [RegExp, string][] = [
    [/^error: unknown option '([^']*)'/, "错误: 未知选项 '$1'"],
    [/^error: unknown command '([^']*)'/, "错误: 未知命令 '$1'"],
    [/^error: missing required argument '([^']*)'/, "错误: 缺少必需的参数 '$1'"],
    [/^error: option '([^']*)' argument missing/, "错误: 选项 '$1' 缺少取值"],
    [/^error: required option '([^']*)' not specified/, "错误: 未指定必需的选项 '$1'"],
    [/^error: option '([^']*)' argument '([^']*)' is invalid\. Allowed choices are (.*)\.$/m, "错误: 选项 '$1' 的取值 '$2' 无效。可选值：$3。"],
    [/^error: command-argument value '([^']*)' is invalid for argument '([^']*)'\. Allowed choices are (.*)\.$/m, "错误: 参数 '$2' 的取值 '$1' 无效。可选值：$3。"],
    [/^error: too many arguments for '([^']*)'\. Expected (\d+) arguments? but got (\d+)\./, "错误: 命令 '$1' 的参数过多：应为 $2 个，实际 $3 个。"],
    [/^error: too many arguments\. Expected (\d+) arguments? but got (\d+)\./, '错误: 参数过多：应为 $1 个，实际 $2 个。'],
    [/^error: (.*) cannot be used with (.*)$/m, '错误: $1 不能与 $2 同时使用'],
    [/\(Did you mean one of (.*)\?\)/, '（是否想用以下之一：$1？）'],
    [/\(Did you mean (.*)\?\)/, '（是否想用 $1？）'],
  ];
  return rules.reduce((t, [pattern, zh]) => t.replace(pattern, zh), text);
}
