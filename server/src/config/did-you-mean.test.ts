import { didYouMean } from './did-you-mean';

it('suggests the setting a typo meant, and nothing for an unrelated word', () => {
  expect(didYouMean('prot', ['host', 'port', 'publicUrl'])).toBe('port');
  expect(didYouMean('passwordfile', ['username', 'passwordFile'])).toBe('passwordFile');
  expect(didYouMean('dicomWebRoot', ['restUrl', 'dicomwebRoot'])).toBe('dicomwebRoot');
  expect(didYouMean('banana', ['host', 'port'])).toBeUndefined();
});
