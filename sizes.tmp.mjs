import { indexSize } from './bench/search.mjs';
console.log(indexSize(process.argv[2]));
