import { InitialSchema1764400000000 } from './1764400000000-initial-schema';
import { LifecycleTasks1764500000000 } from './1764500000000-lifecycle-tasks';
import { SlaClocks1764600000000 } from './1764600000000-sla-clocks';
import { Accounts1764700000000 } from './1764700000000-accounts';
import { Audit1764800000000 } from './1764800000000-audit';
import { Notifications1764900000000 } from './1764900000000-notifications';
import { Tracking1765000000000 } from './1765000000000-tracking';
import { QuarterlyReports1765100000000 } from './1765100000000-quarterly-reports';
import { EmailOutboxIndex1765200000000 } from './1765200000000-email-outbox-index';
import { StandingCommitteeLevel1765300417293 } from './1765300417293-standing-committee-level';
import { FindingItems1765300418207 } from './1765300418207-finding-items';
import { RefreshTokens1765300418273 } from './1765300418273-refresh-tokens';
import { EmailDigest1765314467000 } from './1765314467000-email-digest';
import { SignInLimits1765400000000 } from './1765400000000-sign-in-limits';
import { AccountIntegrity1765400000160 } from './1765400000160-account-integrity';
import { EmailFailures1765401600000 } from './1765401600000-email-failures';
import { UserRateWindows1796150118454 } from './1796150118454-user-rate-windows';
import { IdempotencyKeys1796150300000 } from './1796150300000-idempotency-keys';
import { ThreeWayKpi1796150400000 } from './1796150400000-three-way-kpi';
import { InfoDeadlineReopening1796151700000 } from './1796151700000-info-deadline-reopening';
import { DatedUnits1796160000000 } from './1796160000000-dated-units';
import { Reorganizations1796170000000 } from './1796170000000-reorganizations';
import { CadreAssignments1796180000000 } from './1796180000000-cadre-assignments';
import { ReopenedKpi1796190000000 } from './1796190000000-reopened-kpi';
import { DemoUnits1796200000000 } from './1796200000000-demo-units';
import { CadreReports1796210000000 } from './1796210000000-cadre-reports';
import { Meetings1796210100000 } from './1796210100000-meetings';
import { CadreReportAmendments1796220000000 } from './1796220000000-cadre-report-amendments';
import { StandingCommitteeMeetings1796240000000 } from './1796240000000-standing-committee-meetings';
import { ResponseTemplates1796250000000 } from './1796250000000-response-templates';
import { Duplicates1796260000000 } from './1796260000000-duplicates';
import { UnloggedRateWindows1796265000000 } from './1796265000000-unlogged-rate-windows';
import { DistrictStats1796270000000 } from './1796270000000-district-stats';
import { StatsPending1796280000000 } from './1796280000000-stats-pending';
import { TaskChangesInOneCall1796290000000 } from './1796290000000-task-changes-in-one-call';
import { AssignedUnitsPlanKept1796300000000 } from './1796300000000-assigned-units-plan-kept';
import { ActionKeyRetention1796310000000 } from './1796310000000-action-key-retention';

/** Every migration, oldest first. Listed explicitly so bundled and compiled builds find them alike. */
export const MIGRATIONS = [
  InitialSchema1764400000000,
  LifecycleTasks1764500000000,
  SlaClocks1764600000000,
  Accounts1764700000000,
  Audit1764800000000,
  Notifications1764900000000,
  Tracking1765000000000,
  QuarterlyReports1765100000000,
  EmailOutboxIndex1765200000000,
  StandingCommitteeLevel1765300417293,
  FindingItems1765300418207,
  RefreshTokens1765300418273,
  EmailDigest1765314467000,
  SignInLimits1765400000000,
  AccountIntegrity1765400000160,
  EmailFailures1765401600000,
  UserRateWindows1796150118454,
  IdempotencyKeys1796150300000,
  ThreeWayKpi1796150400000,
  InfoDeadlineReopening1796151700000,
  DatedUnits1796160000000,
  Reorganizations1796170000000,
  CadreAssignments1796180000000,
  ReopenedKpi1796190000000,
  DemoUnits1796200000000,
  CadreReports1796210000000,
  Meetings1796210100000,
  CadreReportAmendments1796220000000,
  StandingCommitteeMeetings1796240000000,
  ResponseTemplates1796250000000,
  Duplicates1796260000000,
  UnloggedRateWindows1796265000000,
  DistrictStats1796270000000,
  StatsPending1796280000000,
  TaskChangesInOneCall1796290000000,
  AssignedUnitsPlanKept1796300000000,
  ActionKeyRetention1796310000000,
];
