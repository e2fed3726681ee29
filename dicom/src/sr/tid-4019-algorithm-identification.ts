/** TID 4019 Algorithm Identification: the name, version and parameters of the algorithm behind a measurement. */
import { SR } from './sr-codes';
import { type TextItem, textItem } from './sr-content';

export function tid4019AlgorithmIdentification(name: string, version: string, parameters: string[]): TextItem[] {
  return [
    textItem('HAS CONCEPT MOD', SR.algorithmName, name),
    textItem('HAS CONCEPT MOD', SR.algorithmVersion, version),
    ...parameters.map((p) => textItem('HAS CONCEPT MOD', SR.algorithmParameters, p)),
  ];
}
