import { executionConsoleUrl } from '../../../lib/api/status-view';

describe('executionConsoleUrl', () => {
  it('links the Step Functions console of the execution, in its region', () => {
    // Prepare
    const arn = 'arn:aws:states:us-east-2:111111111111:execution:tenant-dataplane-onboarding-prod-verification:verify-acme-x';

    // Act
    const url = executionConsoleUrl(arn);

    // Assess
    expect(url).toBe(`https://us-east-2.console.aws.amazon.com/states/home?region=us-east-2#/v2/executions/details/${arn}`);
  });

  it.each([
    ['aws-us-gov', 'us-gov-west-1', 'https://console.amazonaws-us-gov.com/states/home?region=us-gov-west-1#'],
    ['aws-cn', 'cn-north-1', 'https://console.amazonaws.cn/states/home?region=cn-north-1#'],
  ])('uses the console of the %s partition', (partition, region, prefix) => {
    // Act
    const url = executionConsoleUrl(`arn:${partition}:states:${region}:111111111111:execution:m:n`);

    // Assess
    expect(url!.startsWith(prefix)).toBe(true);
  });

  it.each([
    'manual-fix',
    'arn:aws:states:eu-west-1:111111111111:stateMachine:tenant-dataplane-onboarding-prod-verification',
    'arn:aws:iam::111111111111:role/acme-dataplane-role',
  ])('gives no link for %s, which is no execution ARN', (id) => {
    // Act / Assess
    expect(executionConsoleUrl(id)).toBeUndefined();
  });
});
