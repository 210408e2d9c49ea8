export { createExpressions, evaluateExpression, type EngineExpressions, type ExpressionsOptions } from './expressions.js';
export { ExpressionError } from './expression-error.js';
export { evaluateFeel, unaryTestFeel } from './feel.js';
