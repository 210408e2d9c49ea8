/**
 * The rule set Baton lints with: bpmnlint's recommended rules, tuned to what the runtime executes,
 * plus Baton's own rules (package `bpmnlint-plugin-baton`, rule names `baton/<rule>`).
 * Rules are bundled statically — no bpmnlint CLI packer: the resolver returns imported rule factories.
 */
import adHocSubProcess from 'bpmnlint/rules/ad-hoc-sub-process';
import endEventRequired from 'bpmnlint/rules/end-event-required';
import eventBasedGateway from 'bpmnlint/rules/event-based-gateway';
import eventSubProcessTypedStartEvent from 'bpmnlint/rules/event-sub-process-typed-start-event';
import fakeJoin from 'bpmnlint/rules/fake-join';
import global from 'bpmnlint/rules/global';
import labelRequired from 'bpmnlint/rules/label-required';
import linkEvent from 'bpmnlint/rules/link-event';
import noBpmndi from 'bpmnlint/rules/no-bpmndi';
import noDisconnected from 'bpmnlint/rules/no-disconnected';
import noDuplicateSequenceFlows from 'bpmnlint/rules/no-duplicate-sequence-flows';
import noGatewayJoinFork from 'bpmnlint/rules/no-gateway-join-fork';
import noImplicitEnd from 'bpmnlint/rules/no-implicit-end';
import noImplicitSplit from 'bpmnlint/rules/no-implicit-split';
import noImplicitStart from 'bpmnlint/rules/no-implicit-start';
import noOverlappingElements from 'bpmnlint/rules/no-overlapping-elements';
import singleBlankStartEvent from 'bpmnlint/rules/single-blank-start-event';
import singleEventDefinition from 'bpmnlint/rules/single-event-definition';
import startEventRequired from 'bpmnlint/rules/start-event-required';
import subProcessBlankStartEvent from 'bpmnlint/rules/sub-process-blank-start-event';
import superfluousGateway from 'bpmnlint/rules/superfluous-gateway';
import superfluousTermination from 'bpmnlint/rules/superfluous-termination';
import type { RuleFactory } from './bpmnlint-types';
import eventDefinitionRef from './rules/event-definition-ref';
import executableProcess from './rules/executable-process';
import gatewayFlowCondition from './rules/gateway-flow-condition';
import serviceTaskTopic from './rules/service-task-topic';
import unsupportedElement from './rules/unsupported-element';

type Category = 'error' | 'warn' | 'info' | 'off';

const BPMNLINT_RULES: Record<string, RuleFactory> = {
  'ad-hoc-sub-process': adHocSubProcess,
  'end-event-required': endEventRequired,
  'event-based-gateway': eventBasedGateway,
  'event-sub-process-typed-start-event': eventSubProcessTypedStartEvent,
  'fake-join': fakeJoin,
  global,
  'label-required': labelRequired,
  'link-event': linkEvent,
  'no-bpmndi': noBpmndi,
  'no-disconnected': noDisconnected,
  'no-duplicate-sequence-flows': noDuplicateSequenceFlows,
  'no-gateway-join-fork': noGatewayJoinFork,
  'no-implicit-end': noImplicitEnd,
  'no-implicit-split': noImplicitSplit,
  'no-implicit-start': noImplicitStart,
  'no-overlapping-elements': noOverlappingElements,
  'single-blank-start-event': singleBlankStartEvent,
  'single-event-definition': singleEventDefinition,
  'start-event-required': startEventRequired,
  'sub-process-blank-start-event': subProcessBlankStartEvent,
  'superfluous-gateway': superfluousGateway,
  'superfluous-termination': superfluousTermination,
};

const BATON_RULES: Record<string, RuleFactory> = {
  'service-task-topic': serviceTaskTopic,
  'gateway-flow-condition': gatewayFlowCondition,
  'event-definition-ref': eventDefinitionRef,
  'unsupported-element': unsupportedElement,
  'executable-process': executableProcess,
};

/**
 * Severity per rule. Differences from bpmnlint's `recommended`, and why:
 * - label-required, no-implicit-*, fake-join: warn — the runtime executes them; they are style.
 * - no-inclusive-gateway, no-complex-gateway: replaced by baton/unsupported-element (Baton runs
 *   inclusive gateways; complex gateways are reported with a reason).
 * - conditional-flows: replaced by baton/gateway-flow-condition (also catches forks with no condition at all).
 * - superfluous-label: off (labels on joins are harmless).
 */
const RULES: Record<string, Category> = {
  'ad-hoc-sub-process': 'error',
  'end-event-required': 'warn',
  'event-based-gateway': 'error',
  'event-sub-process-typed-start-event': 'error',
  'fake-join': 'warn',
  global: 'warn',
  'label-required': 'warn',
  'link-event': 'error',
  'no-bpmndi': 'error',
  'no-disconnected': 'error',
  'no-duplicate-sequence-flows': 'error',
  'no-gateway-join-fork': 'warn',
  'no-implicit-end': 'warn',
  'no-implicit-split': 'warn',
  'no-implicit-start': 'warn',
  'no-overlapping-elements': 'warn',
  'single-blank-start-event': 'error',
  'single-event-definition': 'error',
  'start-event-required': 'error',
  'sub-process-blank-start-event': 'error',
  'superfluous-gateway': 'warn',
  'superfluous-termination': 'warn',
  'baton/service-task-topic': 'error',
  'baton/gateway-flow-condition': 'error',
  'baton/event-definition-ref': 'error',
  'baton/unsupported-element': 'error',
  'baton/executable-process': 'error',
};

const PACKAGES: Record<string, Record<string, RuleFactory>> = {
  bpmnlint: BPMNLINT_RULES,
  'bpmnlint-plugin-baton': BATON_RULES,
};

export const lintResolver = {
  resolveRule(pkg: string, ruleName: string): RuleFactory {
    const rule = PACKAGES[pkg]?.[ruleName];
    if (!rule) throw new Error(`unknown lint rule ${pkg}/${ruleName}`);
    return rule;
  },
  resolveConfig(pkg: string, configName: string): never {
    throw new Error(`lint config ${pkg}/${configName} is not bundled; Baton's rules are listed in lint-config.ts`);
  },
};

/** The `{ config, resolver }` pair bpmnlint's Linter and bpmn-js-bpmnlint take. */
export const batonLintConfig = { config: { rules: RULES }, resolver: lintResolver };
