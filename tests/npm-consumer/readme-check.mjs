// Put after the package README's snippet: what it computed must be the example's answer.
if (decision.allowed || decision.reasons.length === 0) throw new Error("the denied example must be denied, with reasons");
console.log("README snippet ok");
