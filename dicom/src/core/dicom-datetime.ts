/** DA and TM values (PS3.5 Table 6.2-1) of a moment, in local time as scanners and PACS record them. */
export function dicomDateTime(at: Date): { date: string; time: string; dateTime: string } {
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  const date = `${at.getFullYear()}${p(at.getMonth() + 1)}${p(at.getDate())}`;
  const time = `${p(at.getHours())}${p(at.getMinutes())}${p(at.getSeconds())}`;
  return { date, time, dateTime: `${date}${time}` };
}
