/**
 * Understanding what a customer wrote: which intent, in which language, with which entities.
 *
 * <p>The bot runtime talks to one interface, {@link dev.parley.bot.nlu.IntentRecognizer}. The built-in
 * implementation, {@link dev.parley.bot.nlu.ExampleRecognizer}, learns at start-up from example utterances in
 * English and French; an external NLU service or a large language model plugs in behind the same interface and
 * can reuse {@link dev.parley.bot.nlu.EntityExtractor} for order numbers, amounts, dates, e-mails and phones.
 */
package dev.parley.bot.nlu;
