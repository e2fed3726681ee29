import { studyUidFromLocation } from './study-uid';

describe('studyUidFromLocation', () => {
  it('reads the first study of an OHIF route', () => {
    expect(studyUidFromLocation('?StudyInstanceUIDs=1.2.3')).toBe('1.2.3');
    expect(studyUidFromLocation('?StudyInstanceUIDs=1.2.3,4.5.6&hangingprotocolId=x')).toBe('1.2.3');
    expect(studyUidFromLocation('?studyInstanceUIDs=7.8')).toBe('7.8');
  });

  it('is null without a study', () => {
    expect(studyUidFromLocation('')).toBeNull();
    expect(studyUidFromLocation('?StudyInstanceUIDs=')).toBeNull();
  });
});
