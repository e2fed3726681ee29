// `heron train`'s preprocessing options: a value it does not know, or a scaling trees would ignore, is a usage error
// before any file is read.
import { UsageError } from './command';
import { trainCommand } from './train-command';

test('--scaling and --univariate take only the values they document', async () => {
  const base = ['--features', 'f.csv', '--out', 'models/x'];
  await expect(trainCommand.run([...base, '--scaling', 'robust'])).rejects.toThrow(
    /--scaling must be z-score or min-max, got 'robust'/,
  );
  await expect(trainCommand.run([...base, '--univariate', 'chi2'])).rejects.toThrow(
    /--univariate must be mann-whitney or f-classif, got 'chi2'/,
  );
  await expect(trainCommand.run([...base, '--algo', 'gbdt', '--scaling', 'min-max'])).rejects.toThrow(UsageError);
  await expect(trainCommand.run([...base, '--algo', 'gbdt', '--scaling', 'min-max'])).rejects.toThrow(
    /does not apply to --algo gbdt/,
  );
});

test('--algo takes LASSO-LR, each classifier, or compare', async () => {
  const base = ['--features', 'f.csv', '--out', 'models/x'];
  await expect(trainCommand.run([...base, '--algo', 'xgboost'])).rejects.toThrow(
    /--algo must be one of lasso-lr, lr, svm-linear, svm-rbf, random-forest, gbdt, knn, naive-bayes, mlp, compare; got 'xgboost'/,
  );
  await expect(trainCommand.run([...base, '--algo', 'knn', '--scaling', 'min-max'])).rejects.toThrow(
    /--scaling does not apply to --algo knn/,
  );
});

test('--selection and --top take only the values they document', async () => {
  const base = ['--features', 'f.csv', '--out', 'models/x'];
  await expect(trainCommand.run([...base, '--selection', 'boruta'])).rejects.toThrow(
    /--selection must be lasso or gbdt-importance, got 'boruta'/,
  );
  await expect(trainCommand.run([...base, '--algo', 'gbdt', '--selection', 'gbdt-importance'])).rejects.toThrow(
    /does not apply to --algo gbdt/,
  );
  await expect(trainCommand.run([...base, '--algo', 'compare', '--selection', 'gbdt-importance'])).rejects.toThrow(
    /replaces the LASSO of --algo lasso-lr .*does not apply to --algo compare/,
  );
  await expect(trainCommand.run([...base, '--top', '5'])).rejects.toThrow(/--top applies only to --selection/);
  await expect(trainCommand.run([...base, '--selection', 'gbdt-importance', '--top', '0'])).rejects.toThrow(
    /--top must be an integer >= 1, got '0'/,
  );
});
