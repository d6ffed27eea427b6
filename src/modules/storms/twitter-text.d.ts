// The part of twitter-text (which ships no types) that the post-length check uses.
declare module 'twitter-text' {
  interface ParsedTweet {
    weightedLength: number;
    valid: boolean;
    permillage: number;
  }
  interface UrlWithIndices {
    url: string;
    /** UTF-16 offsets [start, end). */
    indices: [number, number];
  }
  const twitterText: {
    parseTweet(text: string): ParsedTweet;
    extractUrlsWithIndices(text: string, options?: { extractUrlsWithoutProtocol?: boolean }): UrlWithIndices[];
    isValidHashtag(hashtag: string): boolean;
  };
  export default twitterText;
}
