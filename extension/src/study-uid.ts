/** The study OHIF opened: its routes carry it as `?StudyInstanceUIDs=<uid>[,<uid>...]`. */
export function studyUidFromLocation(search: string): string | null {
  const params = new URLSearchParams(search);
  const raw = params.get('StudyInstanceUIDs') ?? params.get('studyInstanceUIDs');
  const first = raw?.split(',')[0]?.trim();
  return first ? first : null;
}
