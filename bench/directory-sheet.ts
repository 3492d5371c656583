/**
 * A generated 市场主体名录 XLSX for the browser benchmark: a title row, the usual Chinese headers (which the
 * import page maps by itself) and N rows, every 100th one (from the 50th) bad in one of three ways — the
 * same shape as the e2e test's file, so the bench times what that test checks.
 */
import writeXlsxFile from 'write-excel-file/node';
import { orgCodeCheckChar, usccCheckChar } from '@bangqi/shared';

const HEADER = ['序号', '企业名称', '统一社会信用代码', '法定代表人', '注册地址', '成立日期', '注册资本', '所属行业', '所属镇街', '登记状态'];
const TOWNS = ['城关街道', '石岭镇', '白塔镇', '新桥镇', '东城街道'];
const WORDS = ['华盛', '鲁信', '泰和', '金源', '宏达', '恒泰', '瑞丰', '鑫隆', '永安', '兴业', '德润', '天成'];
const TRADES = ['机械', '化工', '纺织', '食品', '建材', '物流', '电子', '医药', '农业', '商贸'];

function uscc(n: number): string {
  const body = String(n).padStart(8, '0');
  const first17 = `91371300${body}${orgCodeCheckChar(body)}`;
  return first17 + usccCheckChar(first17);
}

export const isBadRow = (i: number) => i % 100 === 50;

function dataRow(i: number): (string | number)[] {
  const n = i + 1;
  let name = `${WORDS[i % 12]}${TRADES[Math.floor(i / 12) % 10]}${WORDS[Math.floor(i / 120) % 12]}${n}号有限公司`;
  let code = uscc(n);
  if (isBadRow(i)) {
    const kind = Math.floor(i / 100) % 3;
    if (kind === 0) code = code.slice(0, 17) + (code[17] === '0' ? '1' : '0'); // wrong check character
    else if (kind === 1) name = ''; // no name
    else code = code.slice(0, 17); // 17 characters
  }
  return [n, name, code, '张三', `山东省临沂市费县${TOWNS[i % 5]}${n}号`, `2019年3月${(i % 28) + 1}日`, '500万元人民币', '制造业', TOWNS[i % 5]!, '存续'];
}

/** Writes the sheet to `file`; returns how many of its rows are bad. */
export async function writeDirectorySheet(file: string, rows: number): Promise<number> {
  const sheet = [['费县市场主体名录（基准）'], HEADER, ...Array.from({ length: rows }, (_, i) => dataRow(i))];
  await writeXlsxFile(sheet as never).toFile(file);
  return Array.from({ length: rows }, (_, i) => i).filter(isBadRow).length;
}
